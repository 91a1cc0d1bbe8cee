// The timeline feature's public parts: the bar under the toolbar, the recorder's badge, and time formatting.
export { TimelineBar } from './TimelineBar';
export { RecordingBadge } from './RecordingBadge';
export { formatClock } from './time-text';
