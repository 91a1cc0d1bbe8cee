// Fixed numbering of the series (proto, family, state) and of transition cells (from, to), so history fits typed arrays.
import { GONE_STATE, NEW_STATE, TRANSITION_FROM, TRANSITION_TO, type TransitionCount } from '../../model/history';
import { TCP_STATES, UDP_STATES, type Family, type Proto, type SocketState } from '../../model/socket';

/** Every series id, in a fixed order: tcp4 states, tcp6 states, udp4, udp6 (e.g. `tcp4:ESTABLISHED`). */
export const SERIES_IDS: readonly string[] = [
  ...TCP_STATES.map((s) => `tcp4:${s}`),
  ...TCP_STATES.map((s) => `tcp6:${s}`),
  ...UDP_STATES.map((s) => `udp4:${s}`),
  ...UDP_STATES.map((s) => `udp6:${s}`),
];
/** How many series there are. */
export const SERIES_COUNT = SERIES_IDS.length;
const seriesIndex = new Map(SERIES_IDS.map((id, i) => [id, i]));

/** Index of a socket's series, or -1 for a combination the model does not count (UDP in a TCP state). */
export function seriesOf(proto: Proto, family: Family, state: SocketState): number {
  return seriesIndex.get(`${proto}${family}:${state}`) ?? -1;
}

/** A transition's start: a TCP state or NEW. */
export type FromState = (typeof TRANSITION_FROM)[number];
/** A transition's end: a TCP state or GONE. */
export type ToState = (typeof TRANSITION_TO)[number];

const fromIndex = new Map<string, number>(TRANSITION_FROM.map((s, i) => [s, i]));
const toIndex = new Map<string, number>(TRANSITION_TO.map((s, i) => [s, i]));
/** Number of transition cells (from x to). */
export const CELL_COUNT = TRANSITION_FROM.length * TRANSITION_TO.length;

/** Cell index of a transition, or -1 when either end is not a TCP state or pseudo-state. */
export function cellOf(from: string, to: string): number {
  const f = fromIndex.get(from);
  const t = toIndex.get(to);
  return f === undefined || t === undefined ? -1 : f * TRANSITION_TO.length + t;
}

/** The (from, to) pair of a cell index. */
export function cellPair(cell: number): { from: FromState; to: ToState } {
  const from = TRANSITION_FROM[Math.floor(cell / TRANSITION_TO.length)] ?? NEW_STATE;
  const to = TRANSITION_TO[cell % TRANSITION_TO.length] ?? GONE_STATE;
  return { from, to };
}

/** Non-zero cells of a dense count array as transition counts, largest first. */
export function denseToCounts(cells: ArrayLike<number>): TransitionCount[] {
  const out: TransitionCount[] = [];
  for (let i = 0; i < cells.length; i++) {
    const count = cells[i] ?? 0;
    if (count > 0) out.push({ ...cellPair(i), count });
  }
  return out.sort((a, b) => b.count - a.count);
}
