// The app's end of one helper connection: requests with ids and time-outs, events, heartbeat, close.
import type { Duplex } from 'node:stream';
import { AppError, type AppErrorData, type Result } from '../../../shared/model/errors';
import { frame, type LineReader, OversizedMessageError, parseLine } from './framing';
import { HEARTBEAT_INTERVAL_MS, type HelperEvent } from './helper-protocol';

interface Pending {
  resolve(r: Result<unknown>): void;
  timer: NodeJS.Timeout;
}

const isObject = (m: unknown): m is Record<string, unknown> => typeof m === 'object' && m !== null;

/** A connection that passed the handshake. */
export class HelperClient {
  private readonly pending = new Map<number, Pending>();
  private readonly eventListeners = new Set<(e: HelperEvent) => void>();
  private readonly closeListeners = new Set<(why: string) => void>();
  private nextId = 1;
  private heartbeat: NodeJS.Timeout | null = null;
  private closed = false;

  /** `socket` is a net.Socket (POSIX) or a WinPipeStream; `rest` holds lines that came with the handshake. */
  constructor(
    private readonly socket: Duplex,
    reader: LineReader,
    rest: readonly string[],
  ) {
    socket.on('data', (chunk: Buffer) => {
      try {
        for (const line of reader.push(chunk)) this.onLine(line);
      } catch (e) {
        this.close(e instanceof OversizedMessageError ? 'oversized reply' : String(e));
      }
    });
    socket.on('close', () => this.close('the helper connection closed'));
    socket.on('error', () => this.close('the helper connection failed'));
    for (const line of rest) this.onLine(line);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Sends one operation; resolves with the helper's Result (TIMEOUT or a lost connection as errors). */
  request(op: string, request: unknown, timeoutMs = 30_000): Promise<Result<unknown>> {
    if (this.closed) return Promise.resolve({ ok: false, error: lostError() });
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({
          ok: false,
          error: { code: 'TIMEOUT', message: `The privileged helper did not answer ${op} within ${timeoutMs} ms.` },
        });
      }, timeoutMs);
      this.pending.set(id, { resolve, timer });
      this.socket.write(frame({ id, op, request }));
    });
  }

  /** Pings every interval; a failed or late ping closes the connection (the helper is presumed gone). */
  startHeartbeat(intervalMs = HEARTBEAT_INTERVAL_MS): void {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => {
      void this.request('ping', {}, intervalMs * 2).then((r) => {
        if (!r.ok) this.close(`heartbeat failed: ${r.error.message}`);
      });
    }, intervalMs);
    this.heartbeat.unref();
  }

  onEvent(listener: (e: HelperEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onClose(listener: (why: string) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  close(why = 'closed by the app'): void {
    if (this.closed) return;
    this.closed = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.socket.destroy();
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.resolve({ ok: false, error: lostError() });
    }
    this.pending.clear();
    for (const l of this.closeListeners) l(why);
  }

  private onLine(line: string): void {
    const m = parseLine(line);
    if (!isObject(m)) return;
    if (typeof m.id === 'number' && 'result' in m) {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      clearTimeout(p.timer);
      p.resolve(asResult(m.result));
    } else if (m.event === 'collector:message' || m.event === 'collector:exit') {
      for (const l of this.eventListeners) l(m as unknown as HelperEvent);
    }
  }
}

function lostError(): AppErrorData {
  return {
    code: 'NEEDS_ELEVATION',
    message: 'The connection to the privileged helper was lost.',
    key: 'privilege.lost',
  };
}

/** The helper is trusted, but its answer is still checked for shape before it is believed. */
function asResult(r: unknown): Result<unknown> {
  if (isObject(r) && r.ok === true) return { ok: true, value: r.value };
  if (isObject(r) && r.ok === false && isObject(r.error) && typeof r.error.code === 'string') {
    return { ok: false, error: r.error as unknown as AppErrorData };
  }
  return { ok: false, error: { code: 'INTERNAL', message: 'Internal error: malformed answer from the helper' } };
}

/** Turns a failed Result into the AppError core throws, keeping code, params and key. */
export function throwIfError<T>(r: Result<unknown>): T {
  if (r.ok) return r.value as T;
  throw new AppError(r.error.code, r.error.message, r.error.params, r.error.key);
}
