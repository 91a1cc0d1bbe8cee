// Closed connections as text: the cells of the `netinspect closed` table, the duration (a lower bound shown as one)
// and why a byte count is unknown, so the terminal and the window say the same thing.
import type { ClosedConnection } from '../../model/connections';
import { formatEndpoint } from '../endpoint';
import { formatDuration, formatProto, formatRtt } from '../format';

/** Column headers of the `netinspect closed` table. */
export const CLOSED_TEXT_HEADER = [
  'Closed',
  'Proto',
  'Local Address',
  'Remote Address',
  'State',
  'Duration',
  'Sent',
  'Received',
  'RTT ms',
  'Retrans',
  'PID/Program',
  'Failed',
] as const;

/** Widths the follow mode pads each column to (it prints rows as they come, so it cannot measure them first). */
export const CLOSED_FOLLOW_WIDTHS: readonly number[] = [12, 5, 21, 21, 13, 9, 8, 8, 6, 7, 20, 0];

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Local wall-clock time of day with milliseconds (`14:03:07.412`): closes come in bursts. */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/**
 * How long the connection lived: exact when its opening was traced, `≥ 3s` when a refresh first saw it (it may be
 * older), null when it was never seen open (the kernel freed it before any refresh or trace saw it).
 */
export function closedDurationText(c: ClosedConnection): string | null {
  if (c.durationMs === null) return null;
  const text = formatDuration(c.durationMs);
  return c.openedAtSource === 'observed' ? `≥ ${text}` : text;
}

/** What marks a final state only a refresh saw (see closedStateText). */
export const OBSERVED_STATE_MARK = '*';

/**
 * The final state, with OBSERVED_STATE_MARK after it when it is the last state a refresh saw (`ESTABLISHED*`): the
 * connection may have moved on before it closed. The tables explain the mark once (connections.observedState).
 */
export function closedStateText(c: ClosedConnection): string {
  return c.finalStateSource === 'observed' ? `${c.finalState}${OBSERVED_STATE_MARK}` : c.finalState;
}

/** Whether any of `entries` shows a final state only a refresh saw: a table of them then explains the mark. */
export function anyObservedState(entries: readonly ClosedConnection[]): boolean {
  return entries.some((c) => c.finalStateSource === 'observed');
}

/**
 * Why a byte count is null, as a key under `connections.why` (see shared/i18n/connections-en.ts), or null when the
 * count is known. UDP keeps no counters; a connect that failed moved nothing; a close only a refresh saw has the
 * counters of that refresh or none; otherwise the kernel sent no final tcp_info (a reset, or a kernel before 4.19)
 * or, for received bytes, its count may hold the peer's FIN and nothing told whether it does.
 */
export function unknownBytesReason(c: ClosedConnection, side: 'sent' | 'received'): string | null {
  if ((side === 'sent' ? c.bytesSent : c.bytesReceived) !== null) return null;
  if (c.proto === 'udp') return 'connections.why.udp';
  if (c.failedConnect) return 'connections.why.neverConnected';
  if (c.closedAtSource === 'observed') return 'connections.why.notPolled';
  if (side === 'received' && c.bytesSent !== null) return 'connections.why.finUnknown';
  return 'connections.why.noTcpInfo';
}

/** The process that held it last, as `1234/node`, `1234/?`, or `-` when none was seen. */
export function ownerText(c: ClosedConnection): string {
  return c.pid === null ? '-' : `${c.pid}/${c.process ?? '?'}`;
}

/** One row of the text table, in CLOSED_TEXT_HEADER order; unknown values are `-` (JSON says null). */
export function closedTextCells(c: ClosedConnection): string[] {
  const num = (v: number | null): string => (v === null ? '-' : String(v));
  return [
    clockTime(c.closedAt),
    formatProto(c),
    formatEndpoint(c.localAddress, c.localPort),
    formatEndpoint(c.remoteAddress, c.remotePort),
    closedStateText(c),
    closedDurationText(c) ?? '-',
    num(c.bytesSent),
    num(c.bytesReceived),
    c.rttMs === null ? '-' : formatRtt(c.rttMs),
    num(c.retransmits),
    ownerText(c),
    c.failedConnect ? 'FAILED' : '',
  ];
}
