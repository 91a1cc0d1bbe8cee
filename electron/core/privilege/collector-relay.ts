// A collector WorkerHandle whose process runs as root inside the helper: messages relayed over the helper connection.
import type { WorkerHandle } from '../collector/host';
import type { HelperClient } from './helper-client';

/**
 * Starts the collector in the helper and answers at once, as fork() does; the CollectorHost waits for the worker's
 * `{ready}` before sending, so nothing is lost while the start request is in flight.
 */
export function relayWorker(client: HelperClient): WorkerHandle {
  const messageListeners: ((m: unknown) => void)[] = [];
  const exitListeners: ((code: number | null) => void)[] = [];
  let pid: number | undefined;
  let exited = false;

  const exit = (code: number | null): void => {
    if (exited) return;
    exited = true;
    stopEvents();
    stopClose();
    for (const l of exitListeners) l(code);
  };
  const stopEvents = client.onEvent((e) => {
    // Until its pid is known, events belong to a collector this handle did not start.
    if (pid === undefined || e.payload.pid !== pid) return;
    if (e.event === 'collector:message') for (const l of messageListeners) l(e.payload.message);
    else exit(e.payload.code);
  });
  const stopClose = client.onClose(() => exit(null));

  void client.request('collector:start', {}).then((r) => {
    const value = r.ok ? (r.value as { pid?: unknown }) : null;
    if (typeof value?.pid === 'number' && value.pid > 0) pid = value.pid;
    else exit(null);
  });

  return {
    get pid() {
      return pid;
    },
    send: (message) => {
      if (exited) return;
      void client.request('collector:send', { message }).then((r) => {
        if (r.ok || exited) return;
        // The request never reached the collector, so no answer will come: end this worker now and the host
        // restarts it, rather than every such tick waiting out the host's request timeout.
        void client.request('collector:stop', {});
        exit(null);
      });
    },
    onMessage: (l) => messageListeners.push(l),
    onExit: (l) => exitListeners.push(l),
    kill: () => {
      if (exited) return;
      void client.request('collector:stop', {});
      // As after a fork's kill, the exit is reported later, not inside kill(); it may never come from the helper.
      setImmediate(() => exit(null));
    },
  };
}
