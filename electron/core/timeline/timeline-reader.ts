// Reads a recording: its facts, the table at any recorded second, ticks and closed connections over a window.
import { fileSize } from './file-check';
import { openReaderDb, recorderAppeared, type ReaderDb } from './open-reader-db';
import { unpackBlob } from './record-codec';
import { asBuffer, readMeta } from './recording-db';
import { TableReplay, referencedProcesses } from './socket-delta';
import { SeriesIds, readDelta, readEvents, readSummary } from './tick-row';
import { corruptFile, emptyRecording, isCorruption, outOfRange } from './timeline-errors';
import type { ClosedAt, JsonObject, RecordingGap, TableAt, TickSummary, TimelineRange } from './timeline-types';

export interface ReaderOptions {
  /** A file from another machine or a backup: opened without modifying it or creating anything beside it. */
  readonly copied?: boolean;
  /** Check every page first (SQLite quick_check); default: only for copied files. */
  readonly verify?: boolean;
}

/** What `info()` tells about a recording. */
export interface TimelineInfo {
  readonly file: string;
  /** Host, platform and netinspect version that created it. */
  readonly host: string;
  readonly platform: string;
  readonly version: string;
  /** When it was created (ms since epoch). */
  readonly createdAt: number;
  readonly schemaVersion: number;
  readonly range: TimelineRange;
  /** Database plus write-ahead log (bytes). */
  readonly sizeBytes: number;
  readonly rows: {
    readonly ticks: number;
    readonly keyframes: number;
    readonly closed: number;
    readonly transitions: number;
  };
  readonly keyframeEveryMs: number;
  readonly retentionMs: number;
  readonly maxBytes: number;
  /** The last recorder: `clean` false while one is recording (or after one was killed). */
  readonly writer: {
    readonly pid: number;
    readonly host: string;
    readonly since: number;
    readonly clean: boolean;
  } | null;
  readonly gaps: readonly RecordingGap[];
  readonly openedAs: ReaderDb['mode'];
}

/** Which tick `nearestTick` looks for, relative to a time. */
export type TickDirection = 'previous' | 'next' | 'nearest';

export interface TimelineReader {
  info(): TimelineInfo;
  /** The first and last instants a table can be rebuilt for (ms since epoch), or null when empty. */
  range(): TimelineRange;
  /** The table at `t` (ms since epoch), rebuilt from the keyframe at or before it; outside the range: an error. */
  tableAt(t: number): TableAt;
  /** Tick summaries with `a <= t <= b`, oldest first; `detail` adds each transition record. */
  ticksBetween(a: number, b: number, options?: { readonly detail?: boolean }): TickSummary[];
  /** Closed-connection records with `a <= t <= b`, oldest first, at most `limit` of those `keep` accepts (all). */
  closedBetween(
    a: number,
    b: number,
    limit: number,
    keep?: (record: JsonObject) => boolean,
  ): { readonly records: ClosedAt[]; readonly truncated: boolean };
  /** The tick strictly before / after `t`, or the closest one; null when there is none. */
  nearestTick(t: number, direction: TickDirection): number | null;
  close(): void;
}

/** Opens a recording for reading (it is never written). Throws the matching AppError for a file it cannot read. */
export function openTimelineReader(file: string, options: ReaderOptions = {}): TimelineReader {
  const copied = options.copied ?? false;
  return new Reader(file, copied, openReaderDb(file, copied, options.verify ?? copied));
}

interface Rebuilt {
  readonly keyframe: number;
  tickAt: number;
  readonly replay: TableReplay;
}

class Reader implements TimelineReader {
  private readonly series = new SeriesIds();
  /** The last table rebuilt: stepping forward tick by tick then replays one delta, not a whole segment. */
  private cache: Rebuilt | null = null;

  constructor(
    private readonly file: string,
    private readonly copied: boolean,
    private r: ReaderDb,
  ) {}

  info(): TimelineInfo {
    return this.guard(() => {
      const meta = readMeta(this.r.db);
      const n = (k: string) => Number(meta.get(k) ?? NaN);
      const rows = this.r.db
        .prepare('SELECT count(*), coalesce(sum(closed), 0), coalesce(sum(transitions), 0) FROM ticks')
        .raw()
        .get() as number[];
      return {
        file: this.file,
        host: meta.get('host') ?? '?',
        platform: meta.get('platform') ?? '?',
        version: meta.get('netinspect_version') ?? '?',
        createdAt: n('created_at'),
        schemaVersion: this.r.schemaVersion,
        range: this.range(),
        sizeBytes: fileSize(this.file) + fileSize(`${this.file}-wal`),
        rows: { ticks: rows[0], keyframes: this.count('keyframes'), closed: rows[1], transitions: rows[2] },
        keyframeEveryMs: n('keyframe_every_ms'),
        retentionMs: n('retention_ms'),
        maxBytes: n('max_bytes'),
        writer: meta.has('writer_pid')
          ? {
              pid: n('writer_pid'),
              host: meta.get('writer_host') ?? '?',
              since: n('writer_since'),
              clean: meta.get('writer_clean') === '1',
            }
          : null,
        gaps: this.gaps(-Infinity, Infinity),
        openedAs: this.r.mode,
      };
    });
  }

  range(): TimelineRange {
    return this.guard(() => {
      const row = this.r.db
        .prepare('SELECT (SELECT min(t) FROM keyframes), (SELECT max(t) FROM ticks)')
        .raw()
        .get() as (number | null)[];
      return row[0] === null || row[1] === null ? null : { from: Number(row[0]), to: Number(row[1]) };
    });
  }

  tableAt(t: number): TableAt {
    return this.guard(() => {
      const range = this.inRange(t);
      const kf = this.r.db
        .prepare('SELECT t, processes FROM keyframes WHERE t <= ? ORDER BY t DESC LIMIT 1')
        .raw()
        .get(Math.min(t, range.to)) as [number, unknown] | undefined;
      if (!kf) throw outOfRange(t, range.from, range.to);
      const state = this.cache && this.cache.keyframe === kf[0] && this.cache.tickAt <= t ? this.cache : this.load(kf);
      const deltas = this.r.db
        .prepare('SELECT t, head, data FROM tick_data WHERE t > ? AND t <= ? ORDER BY t')
        .raw()
        .iterate(state.tickAt, t) as Iterable<[number, number, unknown]>;
      for (const [, head, blob] of deltas) {
        const delta = readDelta(asBuffer(blob), head);
        if (delta !== null) state.replay.apply(delta);
      }
      const last = this.r.db.prepare('SELECT max(t) FROM ticks WHERE t <= ?').raw().get(t) as [number | null];
      state.tickAt = Math.max(state.tickAt, Number(last[0] ?? state.tickAt));
      this.cache = state;
      const sockets = state.replay.expose();
      const gap = this.gaps(t, t).find((g) => g.from < t && t < g.to) ?? null;
      return {
        tickAt: state.tickAt,
        ageMs: t - state.tickAt,
        gap,
        sockets,
        processes: referencedProcesses(sockets, state.replay.processes),
      };
    });
  }

  ticksBetween(a: number, b: number, options: { readonly detail?: boolean } = {}): TickSummary[] {
    return this.guard(() => {
      this.overlaps(a, b);
      this.series.load(this.r.db);
      const cols =
        'k.t, sockets, added, changed, removed, closed, transitions, summary' + (options.detail ? ', head, data' : '');
      const from = options.detail ? 'ticks k LEFT JOIN tick_data d ON d.t = k.t' : 'ticks k';
      const rows = this.r.db
        .prepare(`SELECT ${cols} FROM ${from} WHERE k.t BETWEEN ? AND ? ORDER BY k.t`)
        .raw()
        .all(a, b) as unknown[][];
      return rows.map((row) => {
        const s = readSummary(row[7] as string, this.series);
        const base = {
          t: Number(row[0]),
          socketCount: Number(row[1]),
          added: Number(row[2]),
          changed: Number(row[3]),
          removed: Number(row[4]),
          closed: Number(row[5]),
          counts: s.counts,
          transitions: s.transitions,
        };
        if (!options.detail) return base;
        return { ...base, detail: row[9] === null ? [] : readEvents(asBuffer(row[9]), Number(row[8])).transitions };
      });
    });
  }

  closedBetween(
    a: number,
    b: number,
    limit: number,
    keep?: (record: JsonObject) => boolean,
  ): { records: ClosedAt[]; truncated: boolean } {
    return this.guard(() => {
      this.overlaps(a, b);
      // Pages of rows read whole: an iterator left unfinished would keep its read transaction open.
      const page = this.r.db.prepare(
        'SELECT k.t, head, data FROM ticks k JOIN tick_data d ON d.t = k.t ' +
          'WHERE k.t >= ? AND k.t <= ? AND k.closed > 0 ORDER BY k.t LIMIT 64',
      );
      const records: ClosedAt[] = [];
      for (let from = a; ;) {
        const rows = page.raw().all(from, b) as [number, number, unknown][];
        for (const [t, head, blob] of rows) {
          for (const record of readEvents(asBuffer(blob), head).closed) {
            if (keep && !keep(record)) continue;
            if (records.length >= limit) return { records, truncated: true };
            records.push({ t: Number(t), record });
          }
        }
        if (rows.length < 64) break;
        from = Number(rows[rows.length - 1][0]) + 1;
      }
      return { records, truncated: false };
    });
  }

  nearestTick(t: number, direction: TickDirection): number | null {
    return this.guard(() => {
      const one = (sql: string): number | null => {
        const row = this.r.db.prepare(sql).raw().get(t) as [number] | undefined;
        return row ? Number(row[0]) : null;
      };
      const prev = one('SELECT t FROM ticks WHERE t < ? ORDER BY t DESC LIMIT 1');
      const next = one('SELECT t FROM ticks WHERE t > ? ORDER BY t LIMIT 1');
      if (direction === 'previous') return prev;
      if (direction === 'next') return next;
      if (one('SELECT t FROM ticks WHERE t = ?') !== null) return t;
      if (prev === null || next === null) return prev ?? next;
      return t - prev <= next - t ? prev : next;
    });
  }

  close(): void {
    this.cache = null;
    this.r.release();
  }

  private load(kf: [number, unknown]): Rebuilt {
    const replay = new TableReplay();
    const parts = this.r.db.prepare('SELECT data FROM keyframe_parts WHERE t = ? ORDER BY part').raw().all(kf[0]);
    for (const [data] of parts as [unknown][]) replay.addPart(unpackBlob(asBuffer(data)));
    replay.addProcesses(unpackBlob(asBuffer(kf[1])));
    return { keyframe: kf[0], tickAt: kf[0], replay };
  }

  private inRange(t: number): { from: number; to: number } {
    const range = this.range();
    if (!range) throw emptyRecording(this.file);
    if (!(t >= range.from && t <= range.to)) throw outOfRange(t, range.from, range.to);
    return range;
  }

  /** A window wholly outside the recording is an error that states the range; one that overlaps it is clipped. */
  private overlaps(a: number, b: number): void {
    const range = this.range();
    if (!range) throw emptyRecording(this.file);
    if (b < range.from || a > range.to) throw outOfRange(b < range.from ? b : a, range.from, range.to);
  }

  private gaps(a: number, b: number): RecordingGap[] {
    const rows = this.r.db
      .prepare('SELECT from_t, to_t, reason FROM gaps WHERE to_t >= ? AND from_t <= ? ORDER BY from_t')
      .raw()
      .all(Number.isFinite(a) ? a : -1e15, Number.isFinite(b) ? b : 1e15) as [number, number, string][];
    return rows.map(([from, to, reason]) => ({ from: Number(from), to: Number(to), reason }));
  }

  private count(table: string): number {
    return Number((this.r.db.prepare(`SELECT count(*) FROM ${table}`).raw().get() as number[])[0]);
  }

  /** SQLite finding damage while reading becomes the recording's "corrupt" error, with the file named. */
  private guard<T>(f: () => T): T {
    if (recorderAppeared(this.file, this.r, this.copied)) {
      // A recorder started on this file after it was opened: follow what it commits from now on.
      const next = openReaderDb(this.file, false, false);
      this.r.release();
      this.r = next;
      this.cache = null;
    }
    try {
      return f();
    } catch (e) {
      if (isCorruption(e)) throw corruptFile(this.file, (e as Error).message);
      if (e instanceof Error && /^malformed|unexpected end|invalid|Decompression/i.test(e.message)) {
        throw corruptFile(this.file, e.message);
      }
      throw e;
    }
  }
}
