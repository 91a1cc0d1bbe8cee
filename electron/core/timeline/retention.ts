// Retention: drops the oldest keyframe segments by age and by size, a few rows at a time, and gives pages back.
import type { Db } from './recording-db';

/** What one pruning pass may do. */
export interface PruneLimits {
  /** Data older than this (ms since epoch) goes, except what rebuilding later times needs. */
  readonly cutoff: number;
  /** Live pages above this (bytes) drop the oldest segment. */
  readonly maxBytes: number;
  /** How long one pass may run (ms); it stops after the batch that crosses it. */
  readonly budgetMs: number;
}

/** What a pass did, and whether more is left for the next one. */
export interface PruneResult {
  readonly deletedTicks: number;
  readonly vacuumedPages: number;
  readonly more: boolean;
}

const TICK_BATCH = 200;
const PART_BATCH = 20;
const VACUUM_PAGES = 512;

function num(db: Db, sql: string, ...args: unknown[]): number {
  const row = db
    .prepare(sql)
    .raw()
    .get(...args) as unknown[] | undefined;
  return row && row[0] !== null ? Number(row[0]) : NaN;
}

/** Bytes in use (allocated pages less the free list). */
export function liveBytes(db: Db): number {
  return (num(db, 'PRAGMA page_count') - num(db, 'PRAGMA freelist_count')) * num(db, 'PRAGMA page_size');
}

/**
 * The oldest keyframe to keep: the newest one at or before the cutoff (later times are rebuilt from it), moved one
 * segment on when the file is over its size; never past the newest keyframe. NaN when there is no keyframe.
 */
export function keepFrom(db: Db, limits: Pick<PruneLimits, 'cutoff' | 'maxBytes'>): number {
  const newest = num(db, 'SELECT max(t) FROM keyframes');
  if (Number.isNaN(newest)) return NaN;
  const byAge = num(db, 'SELECT max(t) FROM keyframes WHERE t <= ?', limits.cutoff);
  let keep = Number.isNaN(byAge) ? num(db, 'SELECT min(t) FROM keyframes') : byAge;
  if (liveBytes(db) > limits.maxBytes) {
    const next = num(db, 'SELECT min(t) FROM keyframes WHERE t > ?', keep);
    if (!Number.isNaN(next)) keep = next;
  }
  return Math.min(keep, newest);
}

/** One pass of small transactions; call it again while `more`. */
export function pruneStep(db: Db, limits: PruneLimits): PruneResult {
  const started = performance.now();
  const keep = keepFrom(db, limits);
  let deletedTicks = 0;
  let vacuumedPages = 0;
  let more = false;
  if (!Number.isNaN(keep)) {
    // Keyframe headers first: the recorded range then starts at `keep` at once, and leftovers are invisible.
    db.exec('BEGIN IMMEDIATE');
    try {
      db.prepare('DELETE FROM keyframes WHERE t < ?').run(keep);
      db.prepare('DELETE FROM gaps WHERE to_t < ?').run(keep);
      db.exec('COMMIT');
    } catch (e) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw e;
    }
    const parts = db.prepare(
      'DELETE FROM keyframe_parts WHERE id IN (SELECT id FROM keyframe_parts WHERE t < ? ORDER BY id LIMIT ?)',
    );
    const ticks = db.prepare('DELETE FROM ticks WHERE t IN (SELECT t FROM ticks WHERE t < ? ORDER BY t LIMIT ?)');
    const data = db.prepare(
      'DELETE FROM tick_data WHERE t IN (SELECT t FROM tick_data WHERE t < ? ORDER BY t LIMIT ?)',
    );
    while (performance.now() - started < limits.budgetMs) {
      const p = parts.run(keep, PART_BATCH).changes;
      const d = data.run(keep, TICK_BATCH).changes;
      const t = ticks.run(keep, TICK_BATCH).changes;
      deletedTicks += t;
      if (p === 0 && t === 0 && d === 0) break;
    }
    more =
      num(
        db,
        'SELECT EXISTS (SELECT 1 FROM ticks WHERE t < ?) OR EXISTS (SELECT 1 FROM tick_data WHERE t < ?) ' +
          'OR EXISTS (SELECT 1 FROM keyframe_parts WHERE t < ?)',
        keep,
        keep,
        keep,
      ) > 0;
    // Still over its size with an older segment left: the next pass drops that one too.
    if (!more && liveBytes(db) > limits.maxBytes) more = num(db, 'SELECT count(*) FROM keyframes') > 1;
  }
  // Give freed pages back to the file system (the file shrinks at the next checkpoint), a bounded number per pass.
  const free = num(db, 'PRAGMA freelist_count');
  if (free > 0) {
    const n = Math.min(free, VACUUM_PAGES);
    db.exec(`PRAGMA incremental_vacuum(${n})`);
    vacuumedPages = n;
    more = more || free > n;
  }
  return { deletedTicks, vacuumedPages, more };
}
