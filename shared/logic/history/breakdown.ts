// Transitions per process and per remote endpoint over time, with a hard cap on groups so memory stays bounded.
import type { TransitionGroup } from '../../model/history';
import { BucketRing, tierFor, type Tier } from './bucket-ring';
import { CELL_COUNT, denseToCounts } from './series-index';
import type { TickSample } from './transition-tracker';

/**
 * Default tiers: 10 min at 10 s, 1 h at 5 min, 24 h at 30 min. Memory bound: 120 buckets x 2 dimensions x at most
 * (MAX_ENTRIES + 144 overflow cells) map entries x ~100 B, plus up to MAX_ENTRIES set entries, ~ 11 MB in the
 * worst case (every entry distinct); a few hundred KB in practice.
 */
export const BREAKDOWN_TIERS: readonly Tier[] = [
  { bucketMs: 10_000, capacity: 60 },
  { bucketMs: 300_000, capacity: 12 },
  { bucketMs: 1_800_000, capacity: 48 },
];
/**
 * Distinct (group, transition) entries one bucket keeps per dimension. Past it, the entry with the fewest events
 * (the oldest among equals) is folded into `(other)` to make room, so a burst of one-off endpoints cannot crowd out
 * a busier group that comes after it. A kept entry's count is exact from the moment it was last let in; what an
 * entry counted before it was folded stays in `(other)`, so the bucket's total is always exact.
 */
export const MAX_ENTRIES = 256;
/** The group that absorbs everything beyond the caps. */
export const OTHER_GROUP = '(other)';

/** One dimension of a bucket: `group \u0000 cell` -> count, the keys counted once, and what was folded, per cell. */
interface Tally {
  readonly kept: Map<string, number>;
  /** Keys of `kept` whose count is 1, oldest first: the first to fold, found without a scan. */
  readonly ones: Set<string>;
  readonly other: Map<number, number>;
}

/** One bucket, per dimension. */
interface BreakdownBucket {
  readonly byProcess: Tally;
  readonly byRemote: Tally;
}

const SEP = '\u0000';

function bump(tally: Tally, group: string, cell: number): void {
  const key = `${group}${SEP}${cell}`;
  const count = tally.kept.get(key);
  if (count !== undefined) {
    tally.kept.set(key, count + 1);
    if (count === 1) tally.ones.delete(key);
    return;
  }
  if (tally.kept.size >= MAX_ENTRIES) foldSmallest(tally);
  tally.kept.set(key, 1);
  tally.ones.add(key);
}

/** Folds the entry with the fewest events into `(other)`; among equals the oldest (a Map iterates by insertion). */
function foldSmallest(tally: Tally): void {
  let victim: string | undefined = tally.ones.values().next().value;
  let least = 1;
  if (victim === undefined) {
    least = Infinity;
    for (const [key, count] of tally.kept) {
      if (count < least) {
        victim = key;
        least = count;
      }
    }
  }
  if (victim === undefined) return;
  tally.kept.delete(victim);
  tally.ones.delete(victim);
  const cell = Number(victim.slice(victim.indexOf(SEP) + 1));
  tally.other.set(cell, (tally.other.get(cell) ?? 0) + least);
}

/** `pid/process` as ss prints it; `?` parts when the owner was hidden. */
export function processGroup(pid: number | null, process: string | null): string {
  return `${pid ?? '?'}/${process ?? '?'}`;
}

const newTally = (): Tally => ({ kept: new Map(), ones: new Set(), other: new Map() });

/** Rings of transition breakdowns. */
export class TransitionBreakdown {
  private readonly rings: BucketRing<BreakdownBucket>[];

  constructor(tiers: readonly Tier[] = BREAKDOWN_TIERS) {
    this.rings = tiers.map(
      (t) =>
        new BucketRing<BreakdownBucket>(
          t,
          () => ({ byProcess: newTally(), byRemote: newTally() }),
          (b) => {
            for (const t of [b.byProcess, b.byRemote]) {
              t.kept.clear();
              t.ones.clear();
              t.other.clear();
            }
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
        bump(b.byProcess, processGroup(e.pid, e.process), e.cell);
        bump(b.byRemote, e.remote, e.cell);
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
    for (const [key, count] of t.kept) {
      const at = key.indexOf(SEP);
      add(key.slice(0, at), Number(key.slice(at + 1)), count);
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
