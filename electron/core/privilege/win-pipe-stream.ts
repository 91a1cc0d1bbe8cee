// A Duplex stream over a connected overlapped pipe handle: one read and one write slot, so neither waits on the other.
import { Duplex } from 'node:stream';
import {
  ERROR_BROKEN_PIPE,
  ERROR_NO_DATA,
  ERROR_OPERATION_ABORTED,
  ERROR_PIPE_NOT_CONNECTED,
  OverlappedSlot,
  type PipeHandle,
} from '../ffi/named-pipe';
import { Win32Error } from '../ffi/kernel32';

/** Bytes per ReadFile / WriteFile; larger writes go out in several. */
export const PIPE_CHUNK_BYTES = 64 * 1024;
/** Longest single wait on a libuv pool thread (ms): long waits are re-issued, so the pool is shared fairly. */
const WAIT_SLICE_MS = 500;

/** The other end went away: for a read, that is the end of the stream. */
const GONE = new Set([ERROR_BROKEN_PIPE, ERROR_NO_DATA, ERROR_PIPE_NOT_CONNECTED]);

function win32Code(e: unknown): number | null {
  return e instanceof Win32Error ? e.code : null;
}

function asError(e: unknown): Error {
  const error = e instanceof Error ? e : new Error(String(e));
  // net.Socket reports a vanished peer as EPIPE; callers only need to know the connection is over.
  if (GONE.has(win32Code(e) ?? -1)) Object.assign(error, { code: 'EPIPE' });
  return error;
}

/**
 * What net.Socket offers HelperClient (data, end, close, error, write, destroy) over a pipe handle that is already
 * connected. Destroying it cancels both slots (CancelIoEx), waits for the kernel to give their memory back, then
 * calls `release` (which disconnects or closes the handle: the stream never owns it).
 */
export class WinPipeStream extends Duplex {
  /** Reads that completed while a write was in flight, and writes the kernel left pending: test:wine's evidence. */
  readonly stats = { readsWhileWriting: 0, pendingWrites: 0 };
  private readonly readSlot = new OverlappedSlot(PIPE_CHUNK_BYTES);
  private readonly writeSlot = new OverlappedSlot(PIPE_CHUNK_BYTES);
  private reading = false;
  private writing = false;
  private stopping = false;
  private readLoop: Promise<void> = Promise.resolve();
  private writeLoop: Promise<void> = Promise.resolve();

  constructor(
    private readonly handle: PipeHandle,
    private readonly release: () => void,
  ) {
    // Like net.Socket: when the peer ends, end our side too, so 'close' follows.
    super({ allowHalfOpen: false });
  }

  /** Starts (or resumes, after back-pressure) the read loop. */
  override _read(): void {
    if (this.reading || this.stopping) return;
    this.reading = true;
    this.readLoop = this.pumpReads();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.writing = true;
    this.writeLoop = this.send(chunk).then(
      () => {
        this.writing = false;
        callback();
      },
      (e: unknown) => {
        this.writing = false;
        callback(asError(e));
      },
    );
  }

  /** Pipes have no half-close: our end closes with the stream. */
  override _final(callback: (error?: Error | null) => void): void {
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.stopping = true;
    this.readSlot.cancel(this.handle);
    this.writeSlot.cancel(this.handle);
    // The slots' memory belongs to the kernel until their operations complete (cancelled ones complete promptly).
    void Promise.allSettled([this.readLoop, this.writeLoop]).then(() => {
      this.readSlot.dispose();
      this.writeSlot.dispose();
      this.release();
      callback(error);
    });
  }

  /** Runs one operation on `slot` to completion; returns the bytes it moved. */
  private async transfer(slot: OverlappedSlot, start: () => boolean): Promise<number> {
    if (start()) {
      if (slot === this.writeSlot) this.stats.pendingWrites++;
      // destroy() cancels the operation, which completes it: no separate stop check is needed here.
      while (!(await slot.waitAsync(WAIT_SLICE_MS)));
    }
    return slot.result(this.handle);
  }

  private async pumpReads(): Promise<void> {
    try {
      while (!this.stopping) {
        const n = await this.transfer(this.readSlot, () => this.readSlot.read(this.handle));
        if (this.stopping) return;
        if (this.writing) this.stats.readsWhileWriting++;
        if (n > 0 && !this.push(this.readSlot.bytes(n))) break;
      }
    } catch (e) {
      const code = win32Code(e);
      if (this.stopping || code === ERROR_OPERATION_ABORTED) return;
      if (code !== null && GONE.has(code)) this.push(null);
      else this.destroy(asError(e));
    } finally {
      this.reading = false;
    }
  }

  private async send(data: Buffer): Promise<void> {
    let offset = 0;
    while (offset < data.length) {
      if (this.stopping) throw new Error('the pipe is closing');
      const part = data.subarray(offset, offset + PIPE_CHUNK_BYTES);
      const n = await this.transfer(this.writeSlot, () => this.writeSlot.write(this.handle, part));
      // A blocking-mode byte pipe writes everything or fails; zero would loop forever.
      if (n === 0) throw new Error('WriteFile moved no bytes');
      offset += n;
    }
  }
}
