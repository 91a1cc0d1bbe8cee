// Keyframes: the whole table at one tick, in parts small enough to build one part per turn of the event loop.
import { encodeRecords, packBlob } from './record-codec';
import type { Db } from './recording-db';
import { encodePart, type KeyframeEntry } from './socket-delta';
import type { JsonValue, RecordedProcess } from './timeline-types';

/** Sockets per part: about 10 ms of encoding on this 2-core machine (bench/timeline.bench.mjs). */
export const PART_SOCKETS = 2500;

/** A keyframe being built: the table as it was at `t`, and the parts packed so far. */
export class KeyframeBuild {
  private readonly parts: Buffer[] = [];
  private next = 0;
  private timer: NodeJS.Immediate | null = null;
  readonly processes: Buffer;

  constructor(
    readonly t: number,
    private readonly sockets: readonly KeyframeEntry[],
    processes: readonly RecordedProcess[],
  ) {
    this.processes = packBlob(encodeRecords(processes));
  }

  get done(): boolean {
    return this.next >= this.sockets.length;
  }

  /** Packs the next part; true when every part is packed. */
  step(): boolean {
    if (!this.done) {
      const slice = this.sockets.slice(this.next, this.next + PART_SOCKETS);
      this.parts.push(packBlob(encodePart(slice) as unknown as JsonValue));
      this.next += slice.length;
    }
    return this.done;
  }

  /** Packs one part per turn of the event loop until done or cancelled. */
  buildInBackground(): void {
    const step = (): void => {
      this.timer = null;
      if (!this.step()) this.timer = setImmediate(step);
    };
    this.timer ??= setImmediate(step);
  }

  /** Stops building in the background (the parts packed so far stay). */
  cancel(): void {
    if (this.timer) clearImmediate(this.timer);
    this.timer = null;
  }

  /** Packs whatever is left at once. */
  finish(): void {
    this.cancel();
    while (!this.step());
  }

  /** Inserts the finished keyframe (inside the caller's transaction); the header row goes last. */
  insert(db: Db): void {
    if (!this.done) this.finish();
    const part = db.prepare('INSERT INTO keyframe_parts (t, part, data) VALUES (?, ?, ?)');
    this.parts.forEach((data, i) => part.run(this.t, i, data));
    db.prepare('INSERT OR REPLACE INTO keyframes (t, sockets, parts, processes) VALUES (?, ?, ?, ?)').run(
      this.t,
      this.sockets.length,
      this.parts.length,
      this.processes,
    );
  }
}
