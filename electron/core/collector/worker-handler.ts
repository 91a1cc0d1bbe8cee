// What the collector process does with one message from its host; shared by the real process and the in-process
// worker the one-shot CLI uses, so both run the same collector code.
import { toErrorData } from '../../../shared/model/errors';
import type { SocketCollector, SocketEventSource } from '../platform/platform';
import { CollectorState } from './collector-state';
import type { WorkerReply, WorkerRequest } from './protocol';

function isRequest(m: unknown): m is WorkerRequest {
  if (typeof m !== 'object' || m === null) return false;
  const r = m as { id?: unknown; op?: unknown };
  return typeof r.id === 'number' && (r.op === 'tick' || r.op === 'full');
}

/**
 * A message handler over a collector (and the kernel's event sources, when `openEvents` gives them) created on
 * first use; null for messages that are not requests.
 */
export function createWorkerHandler(
  createCollector: () => SocketCollector,
  openEvents: () => SocketEventSource | null = () => null,
): {
  handle(message: unknown): WorkerReply | null;
  close(): void;
} {
  let state: CollectorState | null = null;
  return {
    handle(message) {
      if (!isRequest(message)) return null;
      try {
        state ??= new CollectorState(createCollector(), openEvents());
        return { id: message.id, ok: true, value: message.op === 'full' ? state.full() : state.tick() };
      } catch (e) {
        return { id: message.id, ok: false, error: toErrorData(e) };
      }
    },
    close() {
      state?.close();
      state = null;
    },
  };
}
