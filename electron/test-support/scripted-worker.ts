// A scripted collector process for unit tests of supervision and monitoring (real processes: *.integration.test.ts).
import { vi } from 'vitest';
import {
  FULL_PART_SOCKETS,
  replyMessages,
  type FullResult,
  type TickResult,
  type TickStats,
  type WorkerRequest,
} from '../core/collector/protocol';
import type { WorkerHandle } from '../core/collector/host';
import { NO_KERNEL_EVENTS } from '../../shared/model/kernel-events';

export const stats: TickStats = {
  takenAt: 1,
  source: 'netlink',
  fallbackReason: null,
  ownerVisibility: 'all',
  hiddenOwners: 0,
  durationMs: 1,
  socketCount: 0,
  kernelSources: [],
};

/** A worker handle whose answers a test scripts. */
export interface Scripted extends WorkerHandle {
  readonly received: WorkerRequest[];
  exit(code: number | null): void;
}

/**
 * Answers requests at once with `answer` (default: empty full/tick), sent as the collector process sends it (a
 * whole table's sockets ahead in parts of `partSockets`); `ready: false` never reports ready.
 */
export function scripted(
  ready = true,
  answer: (r: WorkerRequest) => TickResult | FullResult = (r) =>
    r.op === 'full'
      ? { kind: 'full', sockets: [], processes: [], stats, events: NO_KERNEL_EVENTS }
      : { kind: 'tick', added: [], removed: [], changed: [], processes: [], stats, events: NO_KERNEL_EVENTS },
  partSockets: number = FULL_PART_SOCKETS,
): Scripted {
  let onMessage: (m: unknown) => void = () => {};
  let onExit: (code: number | null) => void = () => {};
  const received: WorkerRequest[] = [];
  return {
    pid: 1,
    received,
    send: (m) => {
      const r = m as WorkerRequest;
      received.push(r);
      const value = answer(r);
      queueMicrotask(() => {
        for (const message of replyMessages({ id: r.id, ok: true, value }, partSockets)) onMessage(message);
      });
    },
    onMessage: (l) => {
      onMessage = l;
      if (ready) queueMicrotask(() => l({ ready: true, pid: 1 }));
    },
    onExit: (l) => (onExit = l),
    kill: vi.fn(() => queueMicrotask(() => onExit(null))),
    exit: (code) => onExit(code),
  };
}
