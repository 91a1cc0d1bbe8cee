// What every diagnosis rule reads, and small helpers the rules share.
import type { AlertThresholds } from '../../model/alerts';
import type { ClosedConnection } from '../../model/connections';
import type { EphemeralRange, Evidence, Severity } from '../../model/finding';
import type { Socket } from '../../model/socket';

/** Inputs of one diagnosis run. */
export interface DiagnosisInput {
  /** The current table. */
  readonly sockets: readonly Socket[];
  /** When it was taken (ms since epoch); ages are measured against it. */
  readonly now: number;
  readonly ephemeral: EphemeralRange;
  readonly thresholds: AlertThresholds;
  /** net.ipv4.tcp_max_tw_buckets, or null when unknown. */
  readonly maxTimeWaitBuckets: number | null;
  /** Recent closed connections that never connected (from the Connections log). */
  readonly failedConnects: readonly ClosedConnection[];
  /** How transitions are known: traced (every one) or observed at refreshes. */
  readonly transitions: 'trace' | 'observed';
}

/** Most socket keys a finding carries. */
export const MAX_FINDING_KEYS = 50;
/** Groups of one kind a rule reports at most (largest first). */
export const MAX_GROUPS = 5;

/** Ports in the ephemeral range that can actually be handed out. */
export function ephemeralSize(r: EphemeralRange): number {
  return Math.max(1, r.high - r.low + 1 - r.excluded);
}

/**
 * Groups items by a key, largest group first, ties by key in code-unit order: the same on every machine and in
 * every locale, and a tenth of what localeCompare costs when 20,000 groups of one tie on each refresh.
 */
export function groupBy<T>(items: Iterable<T>, key: (t: T) => string): [string, T[]][] {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return [...m.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** The most frequent values of `pick` among `items`, as `value (n)` joined by commas. */
export function topValues<T>(items: readonly T[], pick: (t: T) => string, n = 3): string {
  return groupBy(items, pick)
    .slice(0, n)
    .map(([v, list]) => `${v} (${list.length})`)
    .join(', ');
}

/** Severity from a value against a warning and a critical level. */
export function grade(value: number, warnAt: number, criticalAt: number): Severity {
  if (value >= criticalAt) return 'critical';
  if (value >= warnAt) return 'warning';
  return 'ok';
}

/** The worse of two severities. */
export function worse(a: Severity, b: Severity): Severity {
  const rank = { ok: 0, warning: 1, critical: 2 } as const;
  return rank[a] >= rank[b] ? a : b;
}

/** One evidence line. */
export function ev(key: string, params: Evidence['params'] = {}): Evidence {
  return { key: `diagnosis.evidence.${key}`, params };
}

/** Keys of the first MAX_FINDING_KEYS sockets. */
export function keysOf(sockets: readonly Socket[]): string[] {
  return sockets.slice(0, MAX_FINDING_KEYS).map((s) => s.key);
}

/** Whole seconds between `since` and `now` (ms since epoch). */
export function ageSeconds(since: number, now: number): number {
  return Math.max(0, Math.floor((now - since) / 1000));
}
