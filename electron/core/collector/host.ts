// Starts and supervises the collector process: requests with time-outs, restart with back-off after a crash.
import { fork } from 'node:child_process';
import { AppError } from '../../../shared/model/errors';
import { takeEarlyCollector } from './early-collector';
import {
  isWorkerPart,
  replyFromWire,
  socketsFromWire,
  type FullResult,
  type TickResult,
  type WireReply,
  type WorkerPart,
} from './protocol';
import type { Socket } from '../../../shared/model/socket';

/** A running collector process, whichever API started it (child_process.fork or Electron's utilityProcess). */
export interface WorkerHandle {
  readonly pid: number | undefined;
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
  /**
   * Asks it to end by itself (its exit handlers then run: the state tracer removes its tracefs instance), killing
   * it if it has not after a grace period. Without it, stopping kills at once.
   */
  stop?(): void;
}

/** How long a collector asked to stop may take before it is killed (ms). */
export const STOP_GRACE_MS = 2_000;

/** Starts a new collector process. */
export type SpawnWorker = () => WorkerHandle;

/** Spawner for plain Node (CLI serve, tests): child_process.fork with structured-clone serialization. */
export function forkWorker(modulePath: string): SpawnWorker {
  return () => {
    // The first may be one the launcher forked before this bundle loaded (`serve`): what it said meanwhile (its
    // ready message) goes to the first listener.
    const early = takeEarlyCollector(modulePath);
    const child =
      early?.child ??
      fork(modulePath, [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let said = early?.said ?? [];
    return {
      get pid() {
        return child.pid;
      },
      send: (m) => {
        if (child.connected) child.send(m as object);
      },
      onMessage: (l) => {
        for (const m of said) l(m);
        said = [];
        child.on('message', l);
      },
      onExit: (l) => child.on('exit', (code) => l(code)),
      kill: () => child.kill('SIGKILL'),
      stop: () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        // The worker exits when its channel closes (worker.ts), running its exit handlers; SIGKILL would skip them.
        if (child.connected) child.disconnect();
        setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS).unref();
      },
    };
  };
}

export interface HostOptions {
  readonly spawn: SpawnWorker;
  /** How long one request may take before the collector is presumed hung and restarted (ms). */
  readonly timeoutMs?: number;
  /** First restart delay (ms); doubles per consecutive crash up to maxBackoffMs. */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
  /** Called when the collector died or was restarted, with a human description. */
  readonly onEvent?: (e: { kind: 'crashed' | 'restarted'; message: string }) => void;
}

interface Pending {
  resolve(v: TickResult | FullResult): void;
  reject(e: unknown): void;
  timer: NodeJS.Timeout;
  /** Sockets of a whole table sent ahead of its reply (see WorkerPart), decoded as they came. */
  parts: (readonly Socket[])[];
  /** A part that could not be decoded: the reply fails with it. */
  failure: unknown;
}

/** One supervised collector process. */
export class CollectorHost {
  private worker: WorkerHandle | null = null;
  private ready: Promise<void> | null = null;
  private pending = new Map<number, Pending>();
  private nextId = 1;
  private crashes = 0;
  private startedAt = 0;
  private restartTimer: NodeJS.Timeout | null = null;
  private disposed = false;
  private replaceRequested = false;
  /** How many times the collector was restarted after dying. */
  restarts = 0;
  /** Set after a restart until the next 'full' request: the new process has no table yet. */
  needsFull = true;

  constructor(private readonly options: HostOptions) {}

  get pid(): number | undefined {
    return this.worker?.pid;
  }

  get running(): boolean {
    return this.worker !== null;
  }

  /** Asks the collector for a refresh. Rejects with COLLECTOR_FAILED or TIMEOUT, never hangs. */
  async request(op: 'tick' | 'full'): Promise<TickResult | FullResult> {
    if (this.disposed) throw new AppError('COLLECTOR_FAILED', 'The collector has been stopped.');
    if (this.replaceRequested && this.worker && this.pending.size === 0) {
      // A planned replacement between requests: nothing is in flight, and it is not a crash.
      const old = this.worker;
      this.worker = null;
      this.replaceRequested = false;
      old.kill();
    }
    if (!this.worker) {
      // After a crash the back-off decides when the next process starts, not the next tick.
      if (this.restartTimer) {
        throw new AppError('COLLECTOR_FAILED', 'The collector process is restarting; try again shortly.');
      }
      this.start();
    }
    const timeoutMs = this.options.timeoutMs ?? 15_000;
    await this.untilReady(timeoutMs);
    const worker = this.worker;
    if (!worker) throw new AppError('COLLECTOR_FAILED', 'The collector process is restarting; try again shortly.');
    // A process started since the caller looked has no table yet: whatever was asked, it must send the whole one.
    const wanted = this.needsFull ? 'full' : op;
    const id = this.nextId++;
    const result = new Promise<TickResult | FullResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new AppError('TIMEOUT', `The collector did not answer within ${timeoutMs} ms; it is being restarted.`));
        worker.kill();
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer, parts: [], failure: null });
    });
    worker.send({ id, op: wanted });
    const value = await result;
    if (value.kind === 'full') this.needsFull = false;
    return value;
  }

  /** Waits for the current process's ready message; one that never comes is a hung start: kill it and say so. */
  private async untilReady(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      (this.ready ?? Promise.resolve()).then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      this.worker?.kill();
      throw new AppError(
        'TIMEOUT',
        `The collector process did not start within ${timeoutMs} ms; it is being restarted.`,
      );
    }
  }

  /**
   * Starts a new collector process before the next request (e.g. to run it elevated once the helper is up),
   * without counting a crash or failing a request in flight.
   */
  replace(): void {
    this.replaceRequested = true;
  }

  /** Stops the collector for good. */
  dispose(): void {
    this.disposed = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    if (this.worker?.stop) this.worker.stop();
    else this.worker?.kill();
    this.worker = null;
    this.failAll(new AppError('COLLECTOR_FAILED', 'The collector has been stopped.'));
  }

  private start(): void {
    const worker = this.options.spawn();
    this.worker = worker;
    this.startedAt = Date.now();
    this.needsFull = true;
    let markReady: () => void = () => {};
    this.ready = new Promise((r) => (markReady = r));
    worker.onMessage((m) => {
      if (typeof m === 'object' && m !== null && 'ready' in m) {
        markReady();
        return;
      }
      if (isWorkerPart(m)) this.onPart(m.id, m.part);
      else this.onReply(m as WireReply);
    });
    worker.onExit((code) => this.onExit(worker, code, markReady));
  }

  private onPart(id: number, part: WorkerPart['part']): void {
    const p = this.pending.get(id);
    if (!p || p.failure !== null) return;
    try {
      p.parts.push(socketsFromWire(part));
    } catch (e) {
      p.failure = e;
    }
  }

  private onReply(wire: WireReply): void {
    const p = this.pending.get(wire.id);
    if (!p) return;
    this.pending.delete(wire.id);
    clearTimeout(p.timer);
    let reply;
    try {
      if (p.failure !== null) throw p.failure;
      reply = replyFromWire(wire, p.parts);
    } catch (e) {
      // The collector moved on to a table core never got: the next request takes the whole one again.
      this.needsFull = true;
      return p.reject(e);
    }
    if (reply.ok) p.resolve(reply.value);
    else p.reject(new AppError(reply.error.code, reply.error.message, reply.error.params));
  }

  private onExit(worker: WorkerHandle, code: number | null, markReady: () => void): void {
    if (this.worker !== worker) return;
    this.worker = null;
    markReady();
    const message = `The collector process exited unexpectedly (code ${code ?? 'signal'}).`;
    this.failAll(new AppError('COLLECTOR_FAILED', `${message} It is being restarted.`));
    if (this.disposed) return;
    // A collector that ran a while before dying starts the back-off afresh.
    if (Date.now() - this.startedAt > 30_000) this.crashes = 0;
    const delay = Math.min((this.options.backoffMs ?? 250) * 2 ** this.crashes, this.options.maxBackoffMs ?? 10_000);
    this.crashes++;
    this.options.onEvent?.({ kind: 'crashed', message: `${message} Restarting in ${delay} ms.` });
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (this.disposed || this.worker) return;
      this.restarts++;
      this.start();
      this.options.onEvent?.({ kind: 'restarted', message: `The collector process was restarted (${this.restarts}).` });
    }, delay);
  }

  private failAll(e: AppError): void {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(e);
    }
    this.pending.clear();
  }
}
