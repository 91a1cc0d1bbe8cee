// The rows `netinspect top` prints: processes sorted by rate, bytes or connections, and their JSON form.
import type { ProcessTraffic, ProcessTrafficList } from '../../model/processes';

/** The orders `top --sort` accepts. */
export const TOP_SORTS = ['rate', 'bytes', 'conns'] as const;
/** One of TOP_SORTS. */
export type TopSort = (typeof TOP_SORTS)[number];

const rateOf = (p: ProcessTraffic): number => (p.sentBytesPerSec ?? 0) + (p.receivedBytesPerSec ?? 0);
const bytesOf = (p: ProcessTraffic): number => p.sentBytes + p.receivedBytes;

/**
 * The rows busiest first by `by` (bytes/s now, bytes since seen, or connections), then by bytes since seen, then
 * live before idle before exited, then by pid; the hidden-owners row (pid null) sorts like any other.
 */
export function sortTopRows(rows: readonly ProcessTraffic[], by: TopSort): ProcessTraffic[] {
  const primary = by === 'rate' ? rateOf : by === 'bytes' ? bytesOf : (p: ProcessTraffic) => p.connections;
  const statusRank = { live: 0, idle: 1, exited: 2 } as const;
  return [...rows].sort(
    (a, b) =>
      primary(b) - primary(a) ||
      bytesOf(b) - bytesOf(a) ||
      statusRank[a.status] - statusRank[b.status] ||
      (a.pid ?? -1) - (b.pid ?? -1),
  );
}

/** One process in `top --json`: the documented keys first, then what the Processes view also shows. */
export interface TopJsonProcess {
  readonly pid: number | null;
  readonly process: string | null;
  readonly user: string | null;
  /** Payload bytes per second over the last interval (TCP; null before the second refresh or without counters). */
  readonly sentBytesPerSec: number | null;
  readonly receivedBytesPerSec: number | null;
  /** Payload bytes since `top` started watching (closed connections by their final kernel counters). */
  readonly sentBytes: number;
  readonly receivedBytes: number;
  readonly connections: number;
  readonly status: ProcessTraffic['status'];
  readonly ppid: number | null;
  readonly listening: readonly string[];
  readonly states: Readonly<Record<string, number>>;
  readonly remoteHosts: number;
  /** Holds UDP sockets, whose bytes the kernel does not count per socket. */
  readonly hasUdp: boolean;
}

/** One interval of `top --json`. */
export interface TopJson {
  readonly takenAt: number;
  /** Length of the interval the rates cover (ms). */
  readonly intervalMs: number;
  readonly processes: readonly TopJsonProcess[];
  /** Sockets whose owner is hidden and why (an i18n key), or null. */
  readonly hidden: ProcessTrafficList['hidden'];
  /** Where closed connections' final bytes come from: the kernel's destroy events, or refreshes. */
  readonly closedSource: ProcessTrafficList['closedSource'];
}

/** The JSON object of one interval, rows sorted by `by`, at most `limit` of them. */
export function topJson(list: ProcessTrafficList, by: TopSort, limit = Infinity): TopJson {
  return {
    takenAt: list.takenAt,
    intervalMs: list.intervalMs,
    processes: sortTopRows(list.processes, by)
      .slice(0, limit)
      .map((p) => ({
        pid: p.pid,
        process: p.pid === null ? null : p.name,
        user: p.user,
        sentBytesPerSec: p.sentBytesPerSec,
        receivedBytesPerSec: p.receivedBytesPerSec,
        sentBytes: p.sentBytes,
        receivedBytes: p.receivedBytes,
        connections: p.connections,
        status: p.status,
        ppid: p.ppid,
        listening: p.listening.map((l) => `${l.proto}:${l.port}`),
        states: p.states,
        remoteHosts: p.remoteHosts,
        hasUdp: p.hasUdp,
      })),
    hidden: list.hidden,
    closedSource: list.closedSource,
  };
}
