// Label values from what processes and sockets say about themselves: safe to print, bounded in length.
import type { ProcessInfo, Socket } from '../../../shared/model/socket';
import { UNKNOWN_PROCESS } from './metric-catalog';

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * Label values reach terminals (curl) and dashboards: control characters (terminal escapes) become `\xNN` text,
 * and overlong values are cut. The exposition format itself escapes backslashes, quotes and newlines.
 */
export function labelText(text: string): string {
  const clean = text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return clean.length > 128 ? `${clean.slice(0, 127)}…` : clean;
}

/** A socket's process name as a label: its own, else its owner's from the process list, else UNKNOWN_PROCESS. */
export function processName(s: Socket, processes: ReadonlyMap<number, ProcessInfo>): string {
  const name = s.process ?? (s.pid === null ? null : (processes.get(s.pid)?.name ?? null));
  return name === null || name === '' ? UNKNOWN_PROCESS : labelText(name);
}
