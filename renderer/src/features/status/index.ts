// The status feature's public surface: the status bar under a live table, and how the kernel's sources run.
export { StatusBar } from './StatusBar';
export { KernelSourceAction, TracingNote, TracingStats } from './TracingNote';
