// A collector process whose sockets arrive frozen: core must never change a Socket in place (a changed socket is a
// new object), which the table service's kept JSON runs rely on. Any write to one then throws where it happens.
import type { SpawnWorker } from '../core/collector/host';
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
      onMessage: (listener) =>
        worker.onMessage((m) => {
          const value = (m as { value?: { kind?: string; sockets?: Socket[]; added?: Socket[]; changed?: Socket[] } })
            .value;
          if (value?.kind === 'full' || value?.kind === 'tick')
            for (const s of [...(value.sockets ?? []), ...(value.added ?? []), ...(value.changed ?? [])])
              freezeSocket(s);
          listener(m);
        }),
      onExit: (listener) => worker.onExit(listener),
      kill: () => worker.kill(),
      ...(worker.stop ? { stop: () => worker.stop?.() } : {}),
    };
  };
}
