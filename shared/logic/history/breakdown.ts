// Transitions per process and per remote endpoint over time, with a hard cap on groups so memory stays bounded.
import type { TransitionGroup } from '../../model/history';
import { BucketRing, tierFor, type Tier } from './bucket-ring';
import { CELL_COUNT, denseToCounts } from './series-index';
import type { TickSample } from './transition-tracker';

/**
 * Default tiers: 10 min at 10 s, 1 h at 5 min, 24 h at 30 min. Memory bound: 120 buckets x 2 dimensions x at most
 * (MAX_ENTRIES + 144 overflow cells) map entries x ~100 B, plus MAX_ENTRIES entries of the rank sets, ~ 13 MB in
 * the worst case (every entry distinct); a few hundred KB in practice.
 */
export const BREAKDOWN_TIERS: readonly Tier[] = [
  { bucketMs: 10_000, capacity: 60 },
  { bucketMs: 300_000, capacity: 12 },
  { bucketMs: 1_800_000, capacity: 48 },
];
/**
 * Distinct (group, transition) entries one bucket keeps per dimension. Past it, the bucket makes room the way the
 * Space-Saving summary does: the entry of the lowest rank (the oldest among equals) is folded into `(other)`, and
 * the newcomer starts one rank above it. A rank is an entry's own events plus the rank it inherited, so a steady
 * group climbs above a stream of one-off endpoints however they interleave, while they only take turns in the
 * lowest places. What is shown stays exact: a kept entry counts its own events since it was last let in, and
 * what an entry counted before it was folded is in `(other)`, so the bucket's total is always exact.
 */
export const MAX_ENTRIES = 256;
/** The group that absorbs everything beyond the caps. */
export const OTHER_GROUP = '(other)';

const SEP = '\u0000';

interface Entry {
  /** Events of this entry since it was let in: what is shown. */
  count: number;
  /** Its place when room is needed: its events plus the rank of the entry it replaced. */
  rank: number;
}

/** One dimension of a bucket: `group \u0000 cell` -> entry, what was folded (per cell), and the entries by rank. */
class Tally {
  readonly kept = new Map<string, Entry>();
  readonly other = new Map<number, number>();
  /** Keys by rank, each set oldest first. */
  private readonly byRank = new Map<number, Set<string>>();
  /** No entry has a lower rank (ranks only rise, and a newcomer starts above the one it replaced). */
  private minRank = 1;

  bump(group: string, cell: number): void {
    const key = `${group}${SEP}${cell}`;
    const entry = this.kept.get(key);
    if (entry) {
      this.unrank(key, entry.rank);
      entry.count++;
      entry.rank++;
      this.rankAt(key, entry.rank);
      return;
    }
    const rank = this.kept.size >= MAX_ENTRIES ? this.foldLowest() + 1 : 1;
    this.kept.set(key, { count: 1, rank });
    this.rankAt(key, rank);
  }

  clear(): void {
    this.kept.clear();
    this.other.clear();
    this.byRank.clear();
    this.minRank = 1;
  }

  /** Folds the entry of the lowest rank, the oldest among equals, into `(other)`; returns its rank. */
  private foldLowest(): number {
    let lowest = this.byRank.get(this.minRank);
    while (!lowest) lowest = this.byRank.get(++this.minRank);
    const victim = lowest.values().next().value as string;
    const entry = this.kept.get(victim) as Entry;
    this.unrank(victim, entry.rank);
    this.kept.delete(victim);
    const cell = Number(victim.slice(victim.indexOf(SEP) + 1));
    this.other.set(cell, (this.other.get(cell) ?? 0) + entry.count);
    return entry.rank;
  }

  private rankAt(key: string, rank: number): void {
    let keys = this.byRank.get(rank);
    if (!keys) this.byRank.set(rank, (keys = new Set()));
    keys.add(key);
  }

  private unrank(key: string, rank: number): void {
    const keys = this.byRank.get(rank);
    keys?.delete(key);
    if (keys?.size === 0) this.byRank.delete(rank);
  }
}

/** One bucket, per dimension. */
interface BreakdownBucket {
  readonly byProcess: Tally;
  readonly byRemote: Tally;
}

/** `pid/process` as ss prints it; `?` parts when the owner was hidden. */
export function processGroup(pid: number | null, process: string | null): string {
  return `${pid ?? '?'}/${process ?? '?'}`;
}

/** Rings of transition breakdowns. */
export class TransitionBreakdown {
  private readonly rings: BucketRing<BreakdownBucket>[];

  constructor(tiers: readonly Tier[] = BREAKDOWN_TIERS) {
    this.rings = tiers.map(
      (t) =>
        new BucketRing<BreakdownBucket>(
          t,
          () => ({ byProcess: new Tally(), byRemote: new Tally() }),
          (b) => {
            b.byProcess.clear();
            b.byRemote.clear();
          },
        ),
    );
  }

  /** Adds one tick's events to every tier. */
  add(sample: TickSample): void {
    if (sample.events.length === 0) return;
    for (const r of this.rings) {
      const b = r.at(sample.takenAt);
      for (const e of sample.events) {
        b.byProcess.bump(processGroup(e.pid, e.process), e.cell);
        b.byRemote.bump(e.remote, e.cell);
      }
    }
  }

  /** Groups over the last `windowMs` before `now`, largest first, at most `limit` plus `(other)`. */
  query(
    windowMs: number,
    now: number,
    limit: number,
  ): { from: number; byProcess: TransitionGroup[]; byRemote: TransitionGroup[] } {
    const ring = tierFor(this.rings, windowMs);
    const { bucketMs } = ring.tier;
    const from = Math.floor((now - windowMs) / bucketMs) * bucketMs;
    const buckets = ring.range(from, now).map((x) => x.bucket);
    return {
      from,
      byProcess: groups(
        buckets.map((b) => b.byProcess),
        limit,
        true,
      ),
      byRemote: groups(
        buckets.map((b) => b.byRemote),
        limit,
        false,
      ),
    };
  }
}

function groups(tallies: readonly Tally[], limit: number, isProcess: boolean): TransitionGroup[] {
  const cells = new Map<string, Uint32Array>();
  const add = (group: string, cell: number, count: number): void => {
    let arr = cells.get(group);
    if (!arr) cells.set(group, (arr = new Uint32Array(CELL_COUNT)));
    arr[cell] = (arr[cell] ?? 0) + count;
  };
  for (const t of tallies) {
    for (const [key, entry] of t.kept) {
      const at = key.indexOf(SEP);
      add(key.slice(0, at), Number(key.slice(at + 1)), entry.count);
    }
    for (const [cell, count] of t.other) add(OTHER_GROUP, cell, count);
  }
  const all = [...cells.entries()].map(([group, arr]) => ({ group, arr, total: arr.reduce((a, b) => a + b, 0) }));
  all.sort((a, b) => b.total - a.total || a.group.localeCompare(b.group));
  const kept = all.filter((g) => g.group !== OTHER_GROUP).slice(0, limit);
  const rest = all.filter((g) => !kept.includes(g));
  if (rest.length > 0) {
    const arr = new Uint32Array(CELL_COUNT);
    for (const g of rest) for (let i = 0; i < CELL_COUNT; i++) arr[i] = (arr[i] ?? 0) + (g.arr[i] ?? 0);
    kept.push({ group: OTHER_GROUP, arr, total: rest.reduce((a, g) => a + g.total, 0) });
  }
  return kept.map((g) => {
    const owner = isProcess ? parseProcessGroup(g.group) : { pid: null, process: null };
    return { group: g.group, ...owner, total: g.total, transitions: denseToCounts(g.arr) };
  });
}

function parseProcessGroup(group: string): { pid: number | null; process: string | null } {
  const slash = group.indexOf('/');
  if (group === OTHER_GROUP || slash < 0) return { pid: null, process: null };
  const pid = Number(group.slice(0, slash));
  const name = group.slice(slash + 1);
  return {
    pid: Number.isInteger(pid) && group.slice(0, slash) !== '?' ? pid : null,
    process: name === '?' ? null : name,
  };
}
