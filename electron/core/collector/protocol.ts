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
