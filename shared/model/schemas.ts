// zod schemas of the model, shared by the contract's request and response definitions.
import { z } from 'zod';
import { SOCKET_STATES } from './socket';
import { LANGUAGES, MAX_REFRESH_MS, MIN_REFRESH_MS, THEMES } from './settings';
import { ERROR_CODES } from './errors';
import { MAX_WATCHED_PORTS, alertThresholdsSchema } from './alerts';

export const portSchema = z.number().int().min(0).max(65535);

export const tcpMetricsSchema = z.object({
  rttMs: z.number().nullable(),
  retransmits: z.number().nullable(),
  bytesSent: z.number().nullable(),
  bytesReceived: z.number().nullable(),
});

export const rawSocketSchema = z.object({
  proto: z.enum(['tcp', 'udp']),
  family: z.union([z.literal(4), z.literal(6)]),
  localAddress: z.string(),
  localPort: portSchema,
  remoteAddress: z.string(),
  remotePort: portSchema,
  state: z.enum(SOCKET_STATES),
  pid: z.number().int().nullable(),
  process: z.string().nullable(),
  user: z.string().nullable(),
  uid: z.number().int().nullable(),
  inode: z.number().int().nullable(),
  recvQueue: z.number().nullable(),
  sendQueue: z.number().nullable(),
  metrics: tcpMetricsSchema.nullable(),
});

export const socketSchema = rawSocketSchema.extend({
  key: z.string(),
  firstSeen: z.number(),
  stateSince: z.number(),
});

export const processInfoSchema = z.object({
  pid: z.number().int(),
  name: z.string(),
  exe: z.string().nullable(),
  cmdline: z.string().nullable(),
  user: z.string().nullable(),
  uid: z.number().int().nullable(),
  startTime: z.number().nullable(),
});

export const snapshotSchema = z.object({
  seq: z.number().int(),
  takenAt: z.number(),
  sockets: z.array(socketSchema).readonly(),
  processes: z.array(processInfoSchema).readonly(),
});

export const socketDeltaSchema = z.object({
  seq: z.number().int(),
  takenAt: z.number(),
  added: z.array(socketSchema).readonly(),
  removed: z.array(z.string()).readonly(),
  changed: z.array(socketSchema).readonly(),
  processes: z.array(processInfoSchema).readonly(),
});

export const settingsSchema = z.object({
  refreshIntervalMs: z.number().int().min(MIN_REFRESH_MS).max(MAX_REFRESH_MS),
  language: z.enum(LANGUAGES),
  theme: z.enum(THEMES),
  // Optional so a front end built before watches existed still validates; core always answers both.
  watchedPorts: z.array(z.number().int().min(1).max(65535)).max(MAX_WATCHED_PORTS).readonly().optional(),
  alertThresholds: alertThresholdsSchema.optional(),
});

export const errorDataSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  key: z.string().optional(),
});

export const collectorStatusSchema = z.object({
  /** Which OS collector runs. */
  platform: z.string(),
  /** Whether the collector process is up. */
  running: z.boolean(),
  paused: z.boolean(),
  intervalMs: z.number(),
  source: z.enum(['netlink', 'procfs', 'iphlpapi', 'libproc']).nullable(),
  /** Why the preferred source is not in use (e.g. netlink failed), or null. */
  fallbackReason: z.string().nullable(),
  /** Duration of the last refresh inside the collector (ms). */
  lastDurationMs: z.number().nullable(),
  lastTakenAt: z.number().nullable(),
  socketCount: z.number().int(),
  ownerVisibility: z.enum(['all', 'partial']),
  /** Sockets whose owner could not be seen. */
  hiddenOwners: z.number().int(),
  /** Whether this process runs as root / Administrator. */
  elevated: z.boolean(),
  /** How many times the collector process was restarted after a crash. */
  restarts: z.number().int(),
  /** Most recent errors, newest last. */
  errors: z.array(z.object({ at: z.number(), code: z.enum(ERROR_CODES), message: z.string() })),
});
