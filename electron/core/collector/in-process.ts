// A collector "process" that runs in this very process: for one-shot CLI commands, where a fork would cost more than
// the command itself. Same messages, same CollectorState, same host; only the isolation differs.
import type { SocketCollector, SocketEventSource } from '../platform/platform';
import type { SpawnWorker, WorkerHandle } from './host';
import { createWorkerHandler } from './worker-handler';

/** A SpawnWorker whose worker answers on the next turn of the event loop. */
export function inProcessWorker(
  createCollector: () => SocketCollector,
  openEvents: () => SocketEventSource | null = () => null,
): SpawnWorker {
  return () => {
    const worker = createWorkerHandler(createCollector, openEvents);
    const messageListeners: ((m: unknown) => void)[] = [];
    const exitListeners: ((code: number | null) => void)[] = [];
    let alive = true;
    const deliver = (m: unknown): void => {
      if (alive) for (const l of messageListeners) l(m);
    };
    const handle: WorkerHandle = {
      pid: process.pid,
      send: (m) =>
        setImmediate(() => {
          const r = alive ? worker.handle(m) : null;
          if (r) deliver(r);
        }),
      onMessage: (l) => messageListeners.push(l),
      onExit: (l) => exitListeners.push(l),
      kill: () => {
        if (!alive) return;
        alive = false;
        worker.close();
        for (const l of exitListeners) l(null);
      },
    };
    setImmediate(() => deliver({ ready: true, pid: process.pid }));
    return handle;
  };
}
