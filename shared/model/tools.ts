// Port tools: who owns a port, the bind test and the TCP connect scan; requests, answers and scan progress.
import { z } from 'zod';
import { processInfoSchema, socketSchema } from './socket';
import { evidenceSchema } from './finding';

/** Fewest and most connections a scan may have in flight at once. */
export const MIN_SCAN_CONCURRENCY = 1;
export const MAX_SCAN_CONCURRENCY = 512;
/** Connections in flight when the request does not say. */
export const DEFAULT_SCAN_CONCURRENCY = 100;
/** Most ports one scan may cover; larger lists are refused rather than cut. */
export const MAX_SCAN_PORTS = 16_384;
/** Shortest and longest wait for one connect (ms). */
export const MIN_SCAN_TIMEOUT_MS = 50;
export const MAX_SCAN_TIMEOUT_MS = 30_000;
/** Connect timeout when the request does not say (ms). */
export const DEFAULT_SCAN_TIMEOUT_MS = 1000;

const userPort = z.number().int().min(1).max(65535);

export const whoRequestSchema = z
  .object({ port: userPort, proto: z.enum(['tcp', 'udp', 'any']).default('any') })
  .strict();

export const whoResultSchema = z.object({
  port: z.number().int(),
  takenAt: z.number(),
  /** Every socket whose local port is `port`, every family, listeners first. */
  sockets: z.array(socketSchema).readonly(),
  /** The processes those sockets belong to. */
  processes: z.array(processInfoSchema).readonly(),
});

/** What a bind attempt came to. */
export const BIND_OUTCOMES = [
  'free',
  'in-use',
  'time-wait',
  'not-local',
  'ephemeral-exhausted',
  'privileged',
  'excluded-range',
  'invalid-address',
  'other',
] as const;

export const bindTestRequestSchema = z
  .object({
    port: userPort,
    /** Local address to bind (a literal IPv4 or IPv6 address); the wildcard 0.0.0.0 when absent. */
    host: z.string().min(1).max(64).default('0.0.0.0'),
    proto: z.enum(['tcp', 'udp']).default('tcp'),
    /** Set SO_REUSEADDR before binding. */
    reuseAddr: z.boolean().default(false),
  })
  .strict();

export const bindTestResultSchema = z.object({
  port: z.number().int(),
  host: z.string(),
  proto: z.enum(['tcp', 'udp']),
  reuseAddr: z.boolean(),
  /** False where the OS path used cannot honour the request (e.g. Node always sets SO_REUSEADDR on Unix TCP). */
  reuseAddrHonoured: z.boolean(),
  outcome: z.enum(BIND_OUTCOMES),
  /** The errno name bind failed with (EADDRINUSE, EADDRNOTAVAIL, EACCES ...), or null when it succeeded. */
  errno: z.string().nullable(),
  /** Sockets bound to this port now (owners where visible). */
  holders: z.array(socketSchema).readonly(),
  /** Plain-words explanation, one translatable line each; the first is the verdict. */
  explanation: z.array(evidenceSchema).readonly(),
});

export const scanRequestSchema = z
  .object({
    /** An IP address or host name; it is resolved once before scanning. */
    host: z.string().min(1).max(253),
    /** Port list as users write it: `22,80,8000-8100`. */
    ports: z.string().min(1).max(2000),
    concurrency: z.number().int().min(MIN_SCAN_CONCURRENCY).max(MAX_SCAN_CONCURRENCY).default(DEFAULT_SCAN_CONCURRENCY),
    timeoutMs: z.number().int().min(MIN_SCAN_TIMEOUT_MS).max(MAX_SCAN_TIMEOUT_MS).default(DEFAULT_SCAN_TIMEOUT_MS),
  })
  .strict();

export const scanStartedSchema = z.object({
  scanId: z.string(),
  host: z.string(),
  /** The address actually connected to. */
  address: z.string(),
  total: z.number().int(),
});

export const PORT_STATUSES = ['open', 'closed', 'filtered'] as const;

export const scanPortResultSchema = z.object({
  port: z.number().int(),
  /** open: connected; closed: refused (RST); filtered: no answer within the timeout, or unreachable. */
  status: z.enum(PORT_STATUSES),
  /** IANA service name of the port (TCP), or null. */
  service: z.string().nullable(),
  /** Time to the answer (ms). */
  ms: z.number(),
});

export const scanProgressSchema = z.object({
  scanId: z.string(),
  done: z.number().int(),
  total: z.number().int(),
  /** Ports finished since the previous event of this scan. */
  results: z.array(scanPortResultSchema).readonly(),
  finished: z.boolean(),
  cancelled: z.boolean(),
});

export type WhoResult = z.output<typeof whoResultSchema>;
export type BindOutcome = (typeof BIND_OUTCOMES)[number];
export type BindTestRequest = z.output<typeof bindTestRequestSchema>;
export type BindTestResult = z.output<typeof bindTestResultSchema>;
export type ScanRequest = z.output<typeof scanRequestSchema>;
export type ScanStarted = z.output<typeof scanStartedSchema>;
export type PortStatus = (typeof PORT_STATUSES)[number];
export type ScanPortResult = z.output<typeof scanPortResultSchema>;
export type ScanProgress = z.output<typeof scanProgressSchema>;
