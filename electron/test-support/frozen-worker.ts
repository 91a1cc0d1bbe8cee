// A collector process whose sockets arrive frozen: core must never change a Socket in place (a changed socket is a
// new object), which the table service's kept JSON runs rely on. Any write to one then throws where it happens.
import type { SpawnWorker } from '../core/collector/host';
import { isWorkerPart, replyFromWire, socketsFromWire, type WireReply } from '../core/collector/protocol';
import type { Socket } from '../../shared/model/socket';

function freezeSocket(s: Socket): void {
  for (const o of s.owners) Object.freeze(o);
  Object.freeze(s.owners);
  if (s.metrics) Object.freeze(s.metrics);
  Object.freeze(s);
}

/** Every socket of every answer of `spawn`'s collector frozen, deeply, before core sees it. */
export function frozenSockets(spawn: SpawnWorker): SpawnWorker {
  return () => {
    const worker = spawn();
    return {
      get pid() {
        return worker.pid;
      },
      send: (m) => worker.send(m),
      // Decoded here from the wire form (the host takes objects as they are), so that core gets them frozen.
      onMessage: (listener) =>
        worker.onMessage((m) => {
          if (isWorkerPart(m)) {
            const part = socketsFromWire(m.part);
            part.forEach(freezeSocket);
            return listener({ ...m, part });
          }
          const reply = m as WireReply;
          if (typeof m !== 'object' || m === null || !('ok' in m) || !reply.ok) return listener(m);
          const decoded = replyFromWire(reply, []);
          if (decoded.ok) {
            const v = decoded.value;
            (v.kind === 'full' ? v.sockets : [...v.added, ...v.changed]).forEach(freezeSocket);
          }
          listener(decoded);
        }),
      onExit: (listener) => worker.onExit(listener),
      kill: () => worker.kill(),
      ...(worker.stop ? { stop: () => worker.stop?.() } : {}),
    };
  };
}
