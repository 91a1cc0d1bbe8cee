// The recorder: one transaction per tick, keyframes built between ticks, retention in the background, and faults
// (full disk, unwritable file) turned into a paused status instead of errors in the caller's tick.
import os from 'node:os';
import { APP_VERSION } from '../version';
import { checkHeader, fileSize } from './file-check';
import { KeyframeBuild } from './keyframe';
import { claimWriter, migrate, openForWriting, openLive, readMeta, writeMeta, type Db } from './recording-db';
import { openReaderDb } from './open-reader-db';
import { pruneStep } from './retention';
import { DeltaEncoder, referencedProcesses, type StoredDelta } from './socket-delta';
import { SeriesIds, insertTick } from './tick-row';
import { lockedByOther, pauseOf, unwritableFile, type Pause } from './timeline-errors';
import type { RecordedProcess, RecordedSocket, TimelineTick, WriterStatus } from './timeline-types';
import { tryLock, type WriterLock } from './writer-lock';
import { loadSqlite } from './libsql';

export interface WriterOptions {
  /** Data older than this goes (ms); default 7 days. */
  readonly retentionMs?: number;
  /** The file is kept under this (bytes); default 1 GiB. */
  readonly maxBytes?: number;
  /** A keyframe at least this often (ms); default KEYFRAME_EVERY_MS. */
  readonly keyframeEveryMs?: number;
  /** How long a paused recorder waits between write attempts (ms); default 5 s. */
  readonly retryMs?: number;
  readonly host?: string;
  readonly version?: string;
  /** Check every page of an existing file before recording into it (SQLite quick_check); default false. */
  readonly verify?: boolean;
}

/** An open recorder. */
export interface TimelineWriter {
  /** Records one tick. Never throws: a failure pauses recording (see `status()`), the next success resumes it. */
  writeTick(tick: TimelineTick): void;
  status(): WriterStatus;
  /** Finishes a keyframe in progress, checkpoints the log into the file, and releases the lock. */
  close(): void;
  /** The previous recorder of this file, when it ended without closing (killed, crashed): its pid and host. */
  readonly recoveredFrom: { readonly pid: number; readonly host: string; readonly since: number } | null;
}

/**
 * Default keyframe interval (ms). Rebuilding a second replays the deltas since its keyframe: at 40,000 sockets
 * with 2% of them changing each second, 3-minute segments put the slowest of 20 random seconds at 317-430 ms,
 * over the 300 ms aimed at; 2 minutes brings it to 276-289 ms for about 5 MB/hour more of keyframes under 1,000
 * connections/s of churn: 99 MB/hour, just under the 100 aimed at (bench/timeline.bench.mjs).
 */
export const KEYFRAME_EVERY_MS = 2 * 60_000;

const DAY = 86_400_000;
const PRUNE_EVERY_MS = 10_000;
const PRUNE_BUDGET_MS = 8;

function num(db: Db, sql: string): number {
  const row = db.prepare(sql).raw().get() as unknown[] | undefined;
  return row && row[0] !== null ? Number(row[0]) : NaN;
}

/** The writer of a recording that someone else holds: refused with who holds it. */
function refuseLocked(file: string): never {
  let meta = new Map<string, string>();
  try {
    const db = openLive(file);
    meta = readMeta(db);
    db.close();
  } catch {
    // Holder details are a courtesy: the refusal stands without them.
  }
  throw lockedByOther(
    file,
    meta.get('writer_pid') ?? '?',
    meta.get('writer_host') ?? '?',
    Number(meta.get('writer_since') ?? NaN) || null,
  );
}

/**
 * Opens `file` for recording, creating it when absent. Throws (nothing changed on disk) when it is not a
 * netinspect recording, has a newer schema, is corrupt, is being recorded by another recorder, or cannot be created.
 */
export function openTimelineWriter(file: string, options: WriterOptions = {}): TimelineWriter {
  const facts = checkHeader(file, false);
  // An existing file is checked through a read-only connection first, so a refusal leaves it (and its folder) as
  // it was; only then is the lock file created beside it.
  if (facts.exists) openReaderDb(file, false, options.verify ?? false).release();
  // The binding first: one that cannot load says so, where the lock below would call it an unwritable file.
  loadSqlite();
  let lock: WriterLock | null;
  try {
    lock = tryLock(file);
  } catch (e) {
    throw unwritableFile(file, (e as Error).message);
  }
  if (!lock) refuseLocked(file);
  let db: Db;
  try {
    db = openForWriting(file);
    migrate(db, file);
  } catch (e) {
    lock.release();
    if ((e as { code?: string }).code === 'SQLITE_CANTOPEN') throw unwritableFile(file, (e as Error).message);
    throw e;
  }
  return new Writer(file, db, lock, options);
}

interface Pending {
  readonly t: number;
  readonly tick: TimelineTick;
  /** The table's size at that tick. */
  readonly sockets: number;
  readonly build: KeyframeBuild;
}

class Writer implements TimelineWriter {
  readonly recoveredFrom: TimelineWriter['recoveredFrom'];
  private readonly series = new SeriesIds();
  private readonly encoder = new DeltaEncoder();
  private processes = new Map<number, RecordedProcess>();
  private readonly retentionMs: number;
  private readonly maxBytes: number;
  private readonly keyframeEveryMs: number;
  private readonly retryMs: number;
  private lastT = -Infinity;
  private lastKeyframe = -Infinity;
  private firstKeyframe: number | null = null;
  private needKeyframe = true;
  private build: KeyframeBuild | null = null;
  /** A first tick waiting for its keyframe, built in the background (see record). */
  private pending: Pending | null = null;
  /** The last tick on disk (`lastT` is the last one given, which may still wait in `pending`). */
  private lastWritten = -Infinity;
  private pruneTimer: NodeJS.Immediate | null = null;
  private lastPrune = 0;
  private paused: { reason: Pause; retryAt: number; gapFrom: number } | null = null;
  private ticksWritten = 0;
  private closed = false;

  constructor(
    readonly file: string,
    private readonly db: Db,
    private readonly lock: WriterLock,
    options: WriterOptions,
  ) {
    this.retentionMs = options.retentionMs ?? 7 * DAY;
    this.maxBytes = options.maxBytes ?? 1024 ** 3;
    this.keyframeEveryMs = options.keyframeEveryMs ?? KEYFRAME_EVERY_MS;
    this.retryMs = options.retryMs ?? 5000;
    this.recoveredFrom = claimWriter(db, {
      host: options.host ?? os.hostname(),
      version: options.version ?? APP_VERSION,
      keyframeEveryMs: this.keyframeEveryMs,
      retentionMs: this.retentionMs,
      maxBytes: this.maxBytes,
    });
    this.series.load(db);
    this.lastT = num(db, 'SELECT max(t) FROM ticks');
    if (Number.isNaN(this.lastT)) this.lastT = -Infinity;
    this.lastWritten = this.lastT;
    const first = num(db, 'SELECT min(t) FROM keyframes');
    this.firstKeyframe = Number.isNaN(first) ? null : first;
  }

  writeTick(tick: TimelineTick): void {
    if (this.closed) return;
    try {
      this.record(tick);
    } catch (e) {
      // Whatever failed (the disk, or a value JSON cannot carry), the caller's tick goes on: recording pauses.
      this.fail(e);
    }
  }

  private record(tick: TimelineTick): void {
    // Times must increase (they are the key): a clock stepped back is recorded 1 ms after the last tick.
    const t = Math.max(Math.round(tick.takenAt), this.lastT + 1);
    for (const p of tick.processes) this.processes.set(p.pid, p);
    const waiting = this.paused !== null && Date.now() < this.paused.retryAt;
    // A keyframe of this very tick, from the caller's table, realigns the encoder itself (snapshot): the delta is
    // not stored then, and not encoded either (on a first tick of 40,000 sockets that was 150-200 ms for nothing).
    const keyframeNow = this.needKeyframe && !waiting && tick.table !== undefined;
    const delta = keyframeNow ? null : this.encoder.encode(tick);
    if (this.paused && waiting) {
      this.paused.reason = { ...this.paused.reason, droppedTicks: this.paused.reason.droppedTicks + 1 };
      return;
    }
    this.lastT = t;
    if (this.needKeyframe) {
      // The first tick, and the first after a pause, need a keyframe to build on. One of several parts is built in
      // the background, and its tick waits with it: nothing of it is on disk before the keyframe is, so a reader
      // never replays this recorder's deltas from a keyframe an earlier one wrote. It lands when the keyframe is
      // done, or with the next tick, whichever comes first (at 40,000 sockets, built in the tick, it took 250 ms
      // of one task on one machine, 1.2 s on a slower one).
      const k = this.snapshot(t, tick).build;
      this.needKeyframe = false;
      if (k.partCount > 1) {
        this.pending = { t, tick, sockets: this.encoder.table.size, build: k };
        k.buildInBackground(() => this.writePending(k));
        return;
      }
      k.finish();
      this.commit({ t, tick, delta: null, sync: k });
      return;
    }
    this.commit({ t, tick, delta, sync: null });
  }

  /** The waiting first tick and its keyframe, once built (unless a tick or close wrote them already). */
  private writePending(k: KeyframeBuild): void {
    if (this.closed || this.pending?.build !== k) return;
    try {
      this.commit(null);
    } catch (e) {
      this.fail(e);
    }
  }

  /** One transaction: the waiting first tick (and its keyframe), then this tick, then a keyframe built meanwhile. */
  private commit(
    now: { t: number; tick: TimelineTick; delta: StoredDelta | null; sync: KeyframeBuild | null } | null,
  ): void {
    const pending = this.pending;
    const ready = this.build?.done ? this.build : null;
    const t = now?.t ?? (pending as Pending).t;
    // One transaction per tick; a failure anywhere in it rolls it all back (see fail).
    this.db.exec('BEGIN IMMEDIATE');
    if (pending) {
      insertTick(this.db, this.series, pending.t, pending.sockets, pending.tick, null);
      pending.build.insert(this.db);
    }
    if (this.paused && Number.isFinite(this.paused.gapFrom)) {
      // What was lost while paused, so a reader can say "not recorded" instead of showing a stale table.
      this.db
        .prepare('INSERT INTO gaps (from_t, to_t, reason) VALUES (?, ?, ?)')
        .run(this.paused.gapFrom, pending?.t ?? t, this.paused.reason.reason);
    }
    // A keyframe of this very tick makes its socket delta redundant (replays start after a keyframe's tick).
    if (now) insertTick(this.db, this.series, now.t, this.encoder.table.size, now.tick, now.sync ? null : now.delta);
    now?.sync?.insert(this.db);
    ready?.insert(this.db);
    this.db.exec('COMMIT');
    this.series.commit();
    this.paused = null;
    this.pending = null;
    this.lastWritten = t;
    this.ticksWritten += (pending ? 1 : 0) + (now ? 1 : 0);
    for (const k of [pending?.build, now?.sync, ready]) if (k) this.keyframeWritten(k);
    if (now && !this.build && t - this.lastKeyframe >= this.keyframeEveryMs) this.startBuild(t, now.tick);
    this.schedulePrune(t);
  }

  status(): WriterStatus {
    const to = Number.isFinite(this.lastWritten) ? this.lastWritten : null;
    return {
      recording: !this.closed && !this.paused,
      paused: this.paused?.reason ?? null,
      sizeBytes: fileSize(this.file) + fileSize(`${this.file}-wal`),
      range: this.firstKeyframe !== null && to !== null ? { from: this.firstKeyframe, to } : null,
      ticksWritten: this.ticksWritten,
      file: this.file,
    };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.build?.cancel();
    if (this.pruneTimer) clearImmediate(this.pruneTimer);
    try {
      // A first tick still waiting for its keyframe is written with it (finished here) first.
      if (this.pending) this.commit(null);
      this.db.exec('BEGIN IMMEDIATE');
      if (this.build && !this.paused) this.build.insert(this.db);
      writeMeta(this.db, { writer_clean: 1 });
      this.db.exec('COMMIT');
      this.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    } catch {
      // A full disk at close loses at most the keyframe in progress and a first tick waiting for its own.
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
    } finally {
      this.db.close();
      this.lock.release();
    }
  }

  private snapshot(t: number, tick: TimelineTick): { build: KeyframeBuild; drifted: boolean } {
    const given = tick.table ? (Array.isArray(tick.table) ? tick.table : [...tick.table.values()]) : null;
    // The caller's table is the truth: realign the copy the deltas are computed against.
    const drifted = given ? this.encoder.reset(given as readonly RecordedSocket[]) : false;
    const entries = this.encoder.entries();
    const processes = referencedProcesses(
      entries.map((e) => e[0]),
      this.processes,
    );
    // Processes no socket refers to any more are forgotten here, so memory stays bounded by the table.
    this.processes = new Map(processes.map((p) => [p.pid, p]));
    return { build: new KeyframeBuild(t, entries, processes), drifted };
  }

  private keyframeWritten(k: KeyframeBuild): void {
    this.lastKeyframe = Math.max(this.lastKeyframe, k.t);
    this.firstKeyframe ??= k.t;
    if (this.build === k) this.build = null;
  }

  /** Builds the next keyframe one part per turn of the event loop; the next tick's transaction writes it. */
  private startBuild(t: number, tick: TimelineTick): void {
    const { build: k, drifted } = this.snapshot(t, tick);
    if (drifted) {
      // Deltas from now on build on the realigned table: this keyframe cannot wait for later ticks.
      try {
        this.db.exec('BEGIN IMMEDIATE');
        k.insert(this.db);
        this.db.exec('COMMIT');
        this.keyframeWritten(k);
      } catch (e) {
        this.fail(e);
      }
      return;
    }
    this.build = k;
    k.buildInBackground();
  }

  private schedulePrune(t: number): void {
    if (this.pruneTimer || t - this.lastPrune < PRUNE_EVERY_MS) return;
    const pass = (): void => {
      this.pruneTimer = null;
      if (this.closed || this.paused) return;
      try {
        const r = pruneStep(this.db, {
          cutoff: this.lastT - this.retentionMs,
          maxBytes: this.maxBytes,
          budgetMs: PRUNE_BUDGET_MS,
        });
        const first = num(this.db, 'SELECT min(t) FROM keyframes');
        this.firstKeyframe = Number.isNaN(first) ? null : first;
        if (r.more) this.pruneTimer = setImmediate(pass);
        else this.lastPrune = this.lastT;
      } catch (e) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        this.fail(e);
      }
    };
    this.pruneTimer = setImmediate(pass);
  }

  private fail(e: unknown): void {
    try {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
    } catch {
      // SQLite rolls back by itself when a statement fails this way; nothing more can be done here.
    }
    this.series.rollback();
    const reason = pauseOf(e, this.file, this.paused?.reason ?? null);
    this.paused = {
      // A first tick that waited for its keyframe is lost with this one.
      reason: this.pending ? { ...reason, droppedTicks: reason.droppedTicks + 1 } : reason,
      retryAt: Date.now() + this.retryMs,
      gapFrom: this.paused?.gapFrom ?? this.lastWritten,
    };
    this.pending?.build.cancel();
    this.pending = null;
    // The deltas of the ticks now lost cannot be replayed: the first tick written again carries a keyframe.
    this.needKeyframe = true;
    this.build?.cancel();
    this.build = null;
  }
}
