// The status feature's public surface: the status bar under a live table.
export { StatusBar } from './StatusBar';
