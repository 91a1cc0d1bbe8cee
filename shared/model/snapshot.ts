// Snapshots, deltas and collector health: what crosses from core to every front door.
import { z } from 'zod';
import { ERROR_CODES } from './errors';
import { kernelSourceStatusSchema } from './kernel-events';
import { processInfoSchema, rawSocketSchema, socketSchema } from './socket';

/** Where a snapshot's sockets came from. */
export const SOCKET_SOURCES = ['netlink', 'procfs', 'iphlpapi', 'libproc'] as const;
export type SocketSource = (typeof SOCKET_SOURCES)[number];

/** Whether the owners of all sockets could be seen. */
export const OWNER_VISIBILITIES = ['all', 'partial'] as const;
export type OwnerVisibility = (typeof OWNER_VISIBILITIES)[number];

export const rawSnapshotSchema = z.object({
  /** When it was taken (ms since epoch). */
  takenAt: z.number(),
  source: z.enum(SOCKET_SOURCES),
  /** Why the preferred source was not used, or null. */
  fallbackReason: z.string().nullable(),
  sockets: z.array(rawSocketSchema).readonly(),
  processes: z.array(processInfoSchema).readonly(),
  ownerVisibility: z.enum(OWNER_VISIBILITIES),
  /** Sockets that have an inode but no owner could be found for. */
  hiddenOwners: z.number().int(),
  /** How long collecting took (ms). */
  durationMs: z.number(),
});
/** What a collector returns for one instant. */
export type RawSnapshot = Readonly<z.output<typeof rawSnapshotSchema>>;

export const snapshotSchema = z.object({
  /** Sequence number of the delta this snapshot is current with. */
  seq: z.number().int(),
  takenAt: z.number(),
  sockets: z.array(socketSchema).readonly(),
  processes: z.array(processInfoSchema).readonly(),
  /** Where the sockets came from, or null before the first refresh. */
  source: z.enum(SOCKET_SOURCES).nullable(),
  ownerVisibility: z.enum(OWNER_VISIBILITIES),
  /** Sockets whose owner could not be seen. */
  hiddenOwners: z.number().int(),
});
/** The whole table, as sent once on subscribe. */
export type Snapshot = Readonly<z.output<typeof snapshotSchema>>;

export const socketDeltaSchema = z.object({
  /** Increases by one per delta; a gap means the receiver missed one and must re-subscribe. */
  seq: z.number().int(),
  takenAt: z.number(),
  added: z.array(socketSchema).readonly(),
  /** Keys of sockets that no longer exist. */
  removed: z.array(z.string()).readonly(),
  changed: z.array(socketSchema).readonly(),
  /** Processes first referenced by this delta (or whose details changed). */
  processes: z.array(processInfoSchema).readonly(),
});
/** Changes between two consecutive snapshots. */
export type SocketDelta = Readonly<z.output<typeof socketDeltaSchema>>;

export const collectorStatusSchema = z.object({
  /** Which OS collector runs. */
  platform: z.string(),
  /** Whether the collector process is up. */
  running: z.boolean(),
  paused: z.boolean(),
  intervalMs: z.number(),
  source: z.enum(SOCKET_SOURCES).nullable(),
  /** Why the preferred source is not in use (e.g. netlink failed), or null. */
  fallbackReason: z.string().nullable(),
  /** Duration of the last refresh inside the collector (ms). */
  lastDurationMs: z.number().nullable(),
  lastTakenAt: z.number().nullable(),
  socketCount: z.number().int(),
  ownerVisibility: z.enum(OWNER_VISIBILITIES),
  /** Sockets whose owner could not be seen. */
  hiddenOwners: z.number().int(),
  /** Whether this process runs as root / Administrator. */
  elevated: z.boolean(),
  /** How many times the collector process was restarted after a crash. */
  restarts: z.number().int(),
  /** Most recent errors, newest last. */
  errors: z.array(z.object({ at: z.number(), code: z.enum(ERROR_CODES), message: z.string() })),
  /** The kernel's event sources: destroy events (every closed connection) and the state trace. Empty elsewhere. */
  kernelSources: z.array(kernelSourceStatusSchema).readonly(),
  /** How state transitions are counted: `trace` (every one, exactly) or `observed` (at each refresh). */
  transitions: z.enum(['trace', 'observed']),
  /** How closed connections are known: `kernel` (destroy events: every one) or `observed` (refresh diffs). */
  closes: z.enum(['kernel', 'observed']),
});
/** Collector health, as `collector:status` answers and pushes it. */
export type CollectorStatus = Readonly<z.output<typeof collectorStatusSchema>>;
