// Snapshots and deltas: what crosses from core to every front door.
import type { ProcessInfo, RawSocket, Socket } from './socket';

/** Where a snapshot's sockets came from. */
export type SocketSource = 'netlink' | 'procfs' | 'iphlpapi' | 'libproc';

/** Whether the owners of all sockets could be seen. */
export type OwnerVisibility = 'all' | 'partial';

/** What a collector returns for one instant. */
export interface RawSnapshot {
  /** When it was taken (ms since epoch). */
  readonly takenAt: number;
  readonly source: SocketSource;
  /** Why the preferred source was not used, or null. */
  readonly fallbackReason: string | null;
  readonly sockets: readonly RawSocket[];
  readonly processes: readonly ProcessInfo[];
  readonly ownerVisibility: OwnerVisibility;
  /** Sockets that have an inode but no owner could be found for (ms-free count). */
  readonly hiddenOwners: number;
  /** How long collecting took (ms). */
  readonly durationMs: number;
}

/** The whole table, as sent once on subscribe. */
export interface Snapshot {
  /** Sequence number of the delta this snapshot is current with. */
  readonly seq: number;
  readonly takenAt: number;
  readonly sockets: readonly Socket[];
  readonly processes: readonly ProcessInfo[];
}

/** Changes between two consecutive snapshots. */
export interface SocketDelta {
  /** Increases by one per delta; a gap means the receiver missed one and must re-subscribe. */
  readonly seq: number;
  readonly takenAt: number;
  readonly added: readonly Socket[];
  /** Keys of sockets that no longer exist. */
  readonly removed: readonly string[];
  readonly changed: readonly Socket[];
  /** Processes first referenced by this delta (or whose details changed). */
  readonly processes: readonly ProcessInfo[];
}
