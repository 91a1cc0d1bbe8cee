// Keyframes: the whole table at one tick, in parts small enough to build one part per turn of the event loop.
import { KEYFRAME_QUALITY, blobJson, compressBlob, compressBlobInPool, encodeRecords, packBlob } from './record-codec';
import type { Db } from './recording-db';
import { encodePart, type KeyframeEntry } from './socket-delta';
import type { JsonValue, RecordedProcess } from './timeline-types';

/** Sockets per part: about 10 ms of encoding on this 2-core machine (bench/timeline.bench.mjs). */
export const PART_SOCKETS = 2500;

/**
 * A keyframe being built: the table as it was at `t`, and the parts packed so far. In the background a part's
 * columns and JSON are made on the event loop, one part per turn, and its brotli (about half of the cost) runs on
 * libuv's thread pool, one part at a time, while the loop makes the next; `finish` packs what is left at once.
 */
export class KeyframeBuild {
  /** Each part's blob once packed. */
  private readonly parts: (Buffer | undefined)[] = [];
  /** Each part's JSON while its brotli is still to do. */
  private readonly json: (Buffer | undefined)[] = [];
  private next = 0;
  private packed = 0;
  private timer: NodeJS.Immediate | null = null;
  /** Bumped by `cancel`: a thread-pool answer for an older generation is dropped (`finish` packed that part). */
  private generation = 0;
  private compressing = false;
  private onDone: (() => void) | null = null;
  readonly processes: Buffer;
  readonly partCount: number;

  constructor(
    readonly t: number,
    private readonly sockets: readonly KeyframeEntry[],
    processes: readonly RecordedProcess[],
  ) {
    this.processes = packBlob(encodeRecords(processes));
    this.partCount = Math.ceil(sockets.length / PART_SOCKETS);
  }

  get done(): boolean {
    return this.packed >= this.partCount;
  }

  /** Makes the next part's JSON; false when every part has its JSON already. */
  private encodeNext(): boolean {
    if (this.next >= this.sockets.length) return false;
    const slice = this.sockets.slice(this.next, this.next + PART_SOCKETS);
    this.json.push(blobJson(encodePart(slice) as unknown as JsonValue));
    this.next += slice.length;
    return true;
  }

  /** Builds in the background until done (then `onDone`, unless cancelled first) or cancelled. */
  buildInBackground(onDone?: () => void): void {
    this.onDone = onDone ?? null;
    if (this.done) {
      const generation = this.generation;
      this.timer = setImmediate(() => {
        this.timer = null;
        if (generation === this.generation) this.onDone?.();
      });
      return;
    }
    this.schedule();
  }

  /** The next part's JSON on the next turn, while at most one part waits for the thread pool. */
  private schedule(): void {
    const waiting = this.json.length - this.packed;
    if (this.timer || this.next >= this.sockets.length || waiting > 1) return;
    const generation = this.generation;
    this.timer = setImmediate(() => {
      this.timer = null;
      if (generation !== this.generation) return;
      this.encodeNext();
      this.compressNext();
      this.schedule();
    });
  }

  private compressNext(): void {
    const i = this.packed;
    const json = this.json[i];
    if (this.compressing || json === undefined) return;
    this.compressing = true;
    const generation = this.generation;
    compressBlobInPool(json, KEYFRAME_QUALITY, (e, blob) => {
      if (generation !== this.generation) return;
      this.compressing = false;
      // The pool cannot fail on a buffer it was given, but if it ever does, the part is packed here instead.
      this.store(i, e ? compressBlob(json, KEYFRAME_QUALITY) : blob);
      if (this.done) {
        const done = this.onDone;
        this.onDone = null;
        done?.();
        return;
      }
      this.compressNext();
      this.schedule();
    });
  }

  private store(i: number, blob: Buffer): void {
    this.parts[i] = blob;
    this.json[i] = undefined;
    this.packed = i + 1;
  }

  /** Stops building in the background (the parts packed so far stay; `onDone` will not be called). */
  cancel(): void {
    if (this.timer) clearImmediate(this.timer);
    this.timer = null;
    this.generation++;
    this.compressing = false;
    this.onDone = null;
  }

  /** Packs whatever is left at once. */
  finish(): void {
    this.cancel();
    while (this.encodeNext());
    for (let i = this.packed; i < this.partCount; i++)
      this.store(i, compressBlob(this.json[i] as Buffer, KEYFRAME_QUALITY));
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
