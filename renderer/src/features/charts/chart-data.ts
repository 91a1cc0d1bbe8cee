// Turns `stats:series` answers into chart rows: states summed over families, top transitions, churn per second.
import type { StatsSeries, TransitionCount } from '../../../../shared/model/history';
import { TCP_STATES } from '../../../../shared/model/socket';

/** Most transition kinds drawn as their own bar segment; the rest are summed into OTHER_KEY. */
export const MAX_TRANSITION_KINDS = 8;
/** Data key of the summed remainder of transition kinds. */
export const OTHER_KEY = 'other';

/** One chart row: the point's start time and a value per data key. */
export type ChartRow = { readonly t: number } & Readonly<Record<string, number>>;

/** What a chart series shows for a state: now, mean and peak over the window. */
export interface SeriesSummary {
  readonly key: string;
  readonly now: number;
  readonly mean: number;
  readonly peak: number;
}

/**
 * Chart key of a series id: TCP states merge IPv4 and IPv6 (`tcp4:ESTABLISHED` -> `ESTABLISHED`); UDP keeps its
 * protocol (`udp6:UNCONN` -> `udp:UNCONN`), since UDP "ESTABLISHED" is not a TCP connection.
 */
export function stateKey(seriesId: string): string {
  const [proto = '', state = ''] = seriesId.split(':');
  return proto.startsWith('udp') ? `udp:${state}` : state;
}

/** Chart keys in a stable order: TCP states in connection order, then UDP. */
function keyOrder(keys: Iterable<string>): string[] {
  const rank = (k: string) => {
    const i = (TCP_STATES as readonly string[]).indexOf(k);
    return i >= 0 ? i : TCP_STATES.length + (k === 'udp:UNCONN' ? 0 : 1);
  };
  return [...new Set(keys)].sort((a, b) => rank(a) - rank(b));
}

/** Rows of sockets per state, and the keys that had any socket in the window (the others are left out). */
export function stateRows(series: StatsSeries): { rows: ChartRow[]; keys: string[] } {
  const keys = series.series.map(stateKey);
  const seen = new Set<string>();
  const rows = series.points.map((p) => {
    const row: Record<string, number> = { t: p.t };
    p.counts.forEach((c, i) => {
      const key = keys[i];
      if (key === undefined) return;
      row[key] = (row[key] ?? 0) + c;
      if (c > 0) seen.add(key);
    });
    return row as ChartRow;
  });
  return { rows, keys: keyOrder(seen) };
}

/** Now (last point), mean and peak of each key. Points with no sample do not count towards the mean. */
export function summarize(rows: readonly ChartRow[], keys: readonly string[]): SeriesSummary[] {
  return keys.map((key) => {
    const values = rows.map((r) => r[key] ?? 0);
    const total = values.reduce((a, b) => a + b, 0);
    return {
      key,
      now: values.at(-1) ?? 0,
      mean: values.length > 0 ? total / values.length : 0,
      peak: values.reduce((m, v) => Math.max(m, v), 0),
    };
  });
}

/** Data key of a transition (`ESTABLISHED>CLOSE_WAIT`). */
export function transitionKey(t: Pick<TransitionCount, 'from' | 'to'>): string {
  return `${t.from}>${t.to}`;
}

/** Rows of transition counts per point: the most frequent kinds each get a key, the rest sum into OTHER_KEY. */
export function transitionRows(series: StatsSeries): { rows: ChartRow[]; keys: string[] } {
  const totals = new Map<string, number>();
  for (const p of series.points) {
    for (const tr of p.transitions) totals.set(transitionKey(tr), (totals.get(transitionKey(tr)) ?? 0) + tr.count);
  }
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
  const shown = new Set(ranked.slice(0, MAX_TRANSITION_KINDS));
  const rows = series.points.map((p) => {
    const row: Record<string, number> = { t: p.t };
    for (const tr of p.transitions) {
      const key = shown.has(transitionKey(tr)) ? transitionKey(tr) : OTHER_KEY;
      row[key] = (row[key] ?? 0) + tr.count;
    }
    return row as ChartRow;
  });
  const keys = ranked.length > MAX_TRANSITION_KINDS ? [...shown, OTHER_KEY] : [...shown];
  return { rows, keys };
}

/** Connections opened and closed per second at each point, over the time the point's samples cover. */
export function churnRows(series: StatsSeries): ChartRow[] {
  return series.points.map((p) => {
    // A point still filling (or one from a slower tick) covers less than its width: divide by what it covers.
    const seconds = p.samples > 0 ? Math.min(p.samples * series.tickIntervalMs, series.resolutionMs) / 1000 : 0;
    const rate = (n: number) => (seconds > 0 ? n / seconds : 0);
    return { t: p.t, opened: rate(p.opened), closed: rate(p.closed) } as ChartRow;
  });
}
