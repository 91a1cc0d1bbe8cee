// Messages between the collector host (core) and the collector process.
import type { AppErrorData } from '../../../shared/model/errors';
import type { KernelEventBatch, KernelSourceStatus } from '../../../shared/model/kernel-events';
import type { OwnerVisibility, SocketSource } from '../../../shared/model/snapshot';
import type { ProcessInfo, Socket } from '../../../shared/model/socket';

/** Host -> collector: take a snapshot and answer with the delta ('tick') or the whole table ('full'). */
export interface WorkerRequest {
  readonly id: number;
  readonly op: 'tick' | 'full';
}

/** Facts about one refresh inside the collector. */
export interface TickStats {
  readonly takenAt: number;
  readonly source: SocketSource;
  readonly fallbackReason: string | null;
  readonly ownerVisibility: OwnerVisibility;
  readonly hiddenOwners: number;
  /** Snapshot plus diff, inside the collector process (ms). */
  readonly durationMs: number;
  readonly socketCount: number;
  /** The kernel's event sources (empty where the OS has none, or in a collector opened without them). */
  readonly kernelSources: readonly KernelSourceStatus[];
}

/** The delta since the previous refresh of this collector process. */
export interface TickResult {
  readonly kind: 'tick';
  readonly added: Socket[];
  readonly removed: string[];
  readonly changed: Socket[];
  readonly processes: ProcessInfo[];
  readonly stats: TickStats;
  /** What the kernel reported since the previous refresh. */
  readonly events: KernelEventBatch;
}

/** The whole table, after a refresh. */
export interface FullResult {
  readonly kind: 'full';
  readonly sockets: Socket[];
  readonly processes: ProcessInfo[];
  readonly stats: TickStats;
  readonly events: KernelEventBatch;
}

/** Collector -> host. */
export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly value: TickResult | FullResult }
  | { readonly id: number; readonly ok: false; readonly error: AppErrorData };

/** Collector -> host, once, when it is ready for requests. */
export interface WorkerReady {
  readonly ready: true;
  readonly pid: number;
}

/**
 * Collector -> host, ahead of a whole table's reply: some of its sockets, in order (the reply carries the rest).
 * A table of 40,000 sockets is 22 MB of structured clone, which took some 120 ms to write and 250 ms to read as one
 * message; in parts, the host reads one while the collector writes the next.
 */
export interface WorkerPart {
  readonly id: number;
  readonly part: readonly Socket[];
}

/** Sockets per part of a whole table's reply. */
export const FULL_PART_SOCKETS = 4_000;

/** The messages of one reply, in order: a whole table's sockets go ahead in parts, the reply last with the rest. */
export function replyMessages(reply: WorkerReply, per: number = FULL_PART_SOCKETS): (WorkerPart | WorkerReply)[] {
  if (!reply.ok || reply.value.kind !== 'full' || reply.value.sockets.length <= per) return [reply];
  const { sockets } = reply.value;
  const out: (WorkerPart | WorkerReply)[] = [];
  let from = 0;
  for (; sockets.length - from > per; from += per) out.push({ id: reply.id, part: sockets.slice(from, from + per) });
  out.push({ ...reply, value: { ...reply.value, sockets: sockets.slice(from) } });
  return out;
}

export function isWorkerPart(m: unknown): m is WorkerPart {
  return typeof m === 'object' && m !== null && 'part' in m && Array.isArray((m as { part: unknown }).part);
}
