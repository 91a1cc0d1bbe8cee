// A recorder whose file cannot be created yet (a folder not mounted, no permission): paused, retrying on ticks,
// recording from the first tick that can open it. For the app, which must keep its live view whatever the disk.
import { AppError } from '../../../shared/model/errors';
import { pauseOf, type Pause } from './timeline-errors';
import { openTimelineWriter, type TimelineWriter, type WriterOptions } from './timeline-writer';
import type { RecordedProcess, RecordedSocket, TimelineTick, WriterStatus } from './timeline-types';

/**
 * Like `openTimelineWriter`, except that a file that cannot be written gives a writer paused with reason
 * 'unwritable' instead of an error; it retries at most every `retryMs` and records once it can. A file that is
 * not a recording, newer, corrupt or locked still throws: those need the user to choose another file.
 */
export function openTimelineRecorder(file: string, options: WriterOptions = {}): TimelineWriter {
  try {
    return openTimelineWriter(file, options);
  } catch (e) {
    if (!(e instanceof AppError) || e.key !== 'timeline.error.unwritable') throw e;
    return new WaitingWriter(file, options, e);
  }
}

class WaitingWriter implements TimelineWriter {
  private inner: TimelineWriter | null = null;
  // What the ticks so far built, so the first tick recorded carries the whole table and its processes.
  private readonly table = new Map<string, RecordedSocket>();
  private readonly processes = new Map<number, RecordedProcess>();
  private paused: Pause;
  private retryAt: number;
  private closed = false;

  constructor(
    private readonly file: string,
    private readonly options: WriterOptions,
    error: AppError,
  ) {
    this.paused = { ...pauseOf(error, file, null), droppedTicks: 0 };
    this.retryAt = Date.now() + (options.retryMs ?? 5000);
  }

  get recoveredFrom(): TimelineWriter['recoveredFrom'] {
    return this.inner?.recoveredFrom ?? null;
  }

  writeTick(tick: TimelineTick): void {
    if (this.closed) return;
    if (this.inner) return this.inner.writeTick(tick);
    for (const s of tick.added) this.table.set(s.key, s);
    for (const s of tick.changed) this.table.set(s.key, s);
    for (const k of tick.removed) this.table.delete(k);
    for (const p of tick.processes) this.processes.set(p.pid, p);
    if (Date.now() < this.retryAt) {
      this.paused = { ...this.paused, droppedTicks: this.paused.droppedTicks + 1 };
      return;
    }
    try {
      this.inner = openTimelineWriter(this.file, this.options);
    } catch (e) {
      this.paused = pauseOf(e, this.file, this.paused);
      this.retryAt = Date.now() + (this.options.retryMs ?? 5000);
      return;
    }
    const table = tick.table ?? [...this.table.values()];
    this.inner.writeTick({ ...tick, table, processes: [...this.processes.values()] });
    this.table.clear();
    this.processes.clear();
  }

  status(): WriterStatus {
    if (this.inner) return this.inner.status();
    return { recording: false, paused: this.paused, sizeBytes: 0, range: null, ticksWritten: 0, file: this.file };
  }

  close(): void {
    this.closed = true;
    this.inner?.close();
  }
}
