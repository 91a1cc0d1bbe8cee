// Core's timeline: this host's recorder (the `record` setting turns it on and off live), or a recording another
// process writes (followed as it grows), or one copied from elsewhere (read-only); and the one reader of the past.
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { keyedError } from '../../../shared/logic/input-error';
import { AppError, toErrorData } from '../../../shared/model/errors';
import type { Settings } from '../../../shared/model/settings';
import type { ClosedConnection } from '../../../shared/model/connections';
import { DEFAULT_RECORDING_BYTES, DEFAULT_RETENTION_MS, type RecordingStatus } from '../../../shared/model/timeline';
import type { TickSample } from '../../../shared/logic/history/transition-tracker';
import type { MonitorTick } from '../socket-monitor';
import { fileSize } from './file-check';
import { recordedTick } from './monitor-tick-record';
import { openTimelineReader, type TimelineReader } from './timeline-reader';
import { openTimelineWriter, type TimelineWriter } from './timeline-writer';
import { openTimelineRecorder } from './waiting-writer';

/**
 * Which recording a core has: `record` this host into a file (the app, `serve`, `netinspect record`; `strict`
 * refuses a file that cannot be written instead of waiting for it), `follow` one another process records (the
 * CLI's reads, `serve --db`), or `open` one copied from another machine (`serve --open`, File > Open Recording).
 */
export type TimelineOption =
  { readonly record: string; readonly strict?: boolean } | { readonly follow: string } | { readonly open: string };

export interface TimelineServiceOptions {
  readonly option: TimelineOption | null;
  readonly settings: () => Settings;
  readonly onStatus: (s: RecordingStatus) => void;
  readonly version: string;
}

/** How often a followed or opened recording is checked for new ticks (ms). */
const FOLLOW_POLL_MS = 1000;
/** How often a recorder whose file was refused (locked by another recorder ...) tries again (ms). */
const REFUSED_RETRY_MS = 30_000;
/** Status pushes that only move the size or the range's end come at most this often (ms). */
const QUIET_PUSH_MS = 1000;

type Mode = RecordingStatus['source'];

/** The source and file an option names. */
function sourceOf(o: TimelineOption | null): { mode: Mode; file: string | null } {
  if (o === null) return { mode: 'none', file: null };
  if ('record' in o) return { mode: 'recorder', file: o.record };
  if ('follow' in o) return { mode: 'follow', file: o.follow };
  return { mode: 'opened', file: o.open };
}

/** The recorder and reader behind the timeline channels. */
export class TimelineService {
  private mode: Mode;
  private file: string | null;
  private writer: TimelineWriter | null = null;
  private refused: { error: AppError; since: number; retryAt: number } | null = null;
  private reader: TimelineReader | null = null;
  private readError: AppError | null = null;
  private readerHost: string | null = null;
  private followTimer: NodeJS.Timeout | null = null;
  private lastPushed = '';
  private lastFull = '';
  /** Ticks written by writers closed before the current one (the record setting turned off and on). */
  private ticksBefore = 0;
  private lastPushAt = 0;
  private disposed = false;

  constructor(private readonly options: TimelineServiceOptions) {
    ({ mode: this.mode, file: this.file } = sourceOf(options.option));
    if (this.mode === 'recorder' && this.enabled()) this.openWriter();
    if (this.mode === 'opened' || this.mode === 'follow') this.startFollowing();
  }

  /** Records one refresh (source `recorder`, recording on); never throws into the tick. */
  onTick(t: MonitorTick, closed: readonly ClosedConnection[], sample: TickSample | null, traced: boolean): void {
    if (this.mode !== 'recorder' || !this.enabled()) return;
    if (!this.writer && this.refused && Date.now() >= this.refused.retryAt) this.openWriter();
    if (!this.writer) return;
    this.writer.writeTick(recordedTick(t, closed, sample, traced));
    this.push(false);
  }

  /** Follows a settings change: `record` on or off, or new limits (the recorder reopens with them). */
  settingsChanged(before: Settings, next: Settings): void {
    if (this.mode !== 'recorder') return;
    const limits = (s: Settings) => `${s.recordRetentionMs}/${s.recordMaxBytes}`;
    if (before.record === next.record && limits(before) === limits(next)) return;
    this.closeWriter();
    if (this.enabled()) this.openWriter();
    this.push(true);
  }

  /** The `timeline:status` answer. */
  status(): RecordingStatus {
    const w = this.writer?.status() ?? null;
    const refusedPause = this.refused
      ? {
          reason: 'refused' as const,
          since: this.refused.since,
          key: this.refused.error.key ?? 'errors.INTERNAL',
          params: this.refused.error.params ?? {},
          message: this.refused.error.message,
          droppedTicks: 0,
        }
      : null;
    const range = w?.range ?? this.readRange();
    return {
      source: this.mode,
      file: this.file,
      host: this.mode === 'recorder' ? os.hostname() : this.readerHost,
      enabled: this.mode === 'recorder' && this.enabled(),
      recording: w?.recording ?? false,
      paused: w?.paused ?? refusedPause,
      error: this.mode === 'recorder' ? (this.refused ? toErrorData(this.refused.error) : null) : this.readErrorData(),
      sizeBytes: w?.sizeBytes ?? (this.file ? fileSize(this.file) + fileSize(`${this.file}-wal`) : 0),
      range,
      readOnly: this.mode === 'follow' || this.mode === 'opened',
      ticksWritten: (w?.ticksWritten ?? 0) + this.ticksBefore,
      recoveredFrom: this.writer?.recoveredFrom ?? null,
    };
  }

  /** Runs `f` on the reader of the past; INVALID_INPUT when there is no recording, the file's own error else. */
  read<T>(f: (r: TimelineReader, host: string) => T): T {
    const r = this.openReader();
    return f(r, this.readerHost ?? os.hostname());
  }

  /** Whether the past comes from this host's own recorder (kernel settings of this host then apply to it). */
  get isLocal(): boolean {
    return this.mode === 'recorder';
  }

  /**
   * Opens a recording copied from elsewhere, read-only, in place of what this core had (File > Open Recording);
   * throws (nothing changed) when it cannot be read. `null` goes back to what the core started with.
   */
  openRecording(file: string | null, initial: TimelineOption | null): RecordingStatus {
    if (file !== null) {
      const reader = openTimelineReader(file, { copied: true });
      const host = reader.info().host;
      this.dropReader();
      this.stopFollowing();
      this.closeWriter();
      this.mode = 'opened';
      this.file = file;
      this.reader = reader;
      this.readerHost = host;
      this.startFollowing();
    } else {
      this.dropReader();
      this.stopFollowing();
      this.closeWriter();
      ({ mode: this.mode, file: this.file } = sourceOf(initial));
      if (this.mode === 'recorder' && this.enabled()) this.openWriter();
      if (this.mode !== 'recorder' && this.mode !== 'none') this.startFollowing();
    }
    this.push(true);
    return this.status();
  }

  dispose(): void {
    this.disposed = true;
    this.stopFollowing();
    this.closeWriter();
    this.dropReader();
  }

  private enabled(): boolean {
    return this.options.settings().record !== false;
  }

  private openWriter(): void {
    const file = this.file;
    if (!file) return;
    const s = this.options.settings();
    const o = this.options.option;
    const writerOptions = {
      retentionMs: s.recordRetentionMs ?? DEFAULT_RETENTION_MS,
      maxBytes: s.recordMaxBytes ?? DEFAULT_RECORDING_BYTES,
      host: os.hostname(),
      version: this.options.version,
    };
    try {
      // The config folder of a first start may not exist yet; a folder that cannot be made pauses below.
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    } catch {
      // Reported by the open that follows (unwritable), with the file named.
    }
    try {
      const strict = o !== null && 'record' in o && o.strict === true;
      this.writer = strict ? openTimelineWriter(file, writerOptions) : openTimelineRecorder(file, writerOptions);
      this.refused = null;
    } catch (e) {
      const error = e instanceof AppError ? e : new AppError('INTERNAL', (e as Error).message);
      // Locked by another recorder, damaged, not a recording: nothing written; the reader may still show it.
      this.refused = { error, since: this.refused?.since ?? Date.now(), retryAt: Date.now() + REFUSED_RETRY_MS };
    }
  }

  private closeWriter(): void {
    this.ticksBefore += this.writer?.status().ticksWritten ?? 0;
    this.writer?.close();
    this.writer = null;
    this.refused = null;
  }

  private openReader(): TimelineReader {
    if (this.reader) return this.reader;
    if (this.mode === 'none' || this.file === null) throw keyedError('timelineUi.error.none');
    try {
      this.reader = openTimelineReader(this.file, { copied: this.mode === 'opened' });
      this.readerHost = this.reader.info().host;
      this.readError = null;
      return this.reader;
    } catch (e) {
      this.readError = e instanceof AppError ? e : new AppError('INTERNAL', (e as Error).message);
      throw this.readError;
    }
  }

  private dropReader(): void {
    this.reader?.close();
    this.reader = null;
    this.readerHost = null;
    this.readError = null;
  }

  private readRange(): RecordingStatus['range'] {
    if (this.mode === 'none') return null;
    try {
      return this.openReader().range();
    } catch {
      return null;
    }
  }

  private readErrorData(): RecordingStatus['error'] {
    return this.readError ? toErrorData(this.readError) : null;
  }

  /** A followed (or opened) recording is polled: its range grows while another process records into it. */
  private startFollowing(): void {
    this.stopFollowing();
    const poll = (): void => {
      if (this.disposed) return;
      this.push(false);
      this.followTimer = setTimeout(poll, FOLLOW_POLL_MS);
      this.followTimer.unref();
    };
    poll();
  }

  private stopFollowing(): void {
    if (this.followTimer) clearTimeout(this.followTimer);
    this.followTimer = null;
  }

  /** Pushes the status when it changed: at once for a change of state, at most once a second for size, range and ticks. */
  private push(force: boolean): void {
    const s = this.status();
    const key = JSON.stringify({ ...s, sizeBytes: 0, range: null, ticksWritten: 0, paused: s.paused?.reason ?? null });
    const full = JSON.stringify(s);
    const now = Date.now();
    const changedState = key !== this.lastPushed;
    if (!force && !changedState && (full === this.lastFull || now - this.lastPushAt < QUIET_PUSH_MS)) return;
    this.lastPushed = key;
    this.lastFull = full;
    this.lastPushAt = now;
    this.options.onStatus(s);
  }
}
