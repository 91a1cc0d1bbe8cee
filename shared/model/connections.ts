// Closed connections (the Connections log) and the state transitions traced between refreshes.
import { z } from 'zod';
import { FACT_SOURCES, SOCKET_STATES, endpointsShape } from './socket';

export const closedConnectionSchema = z.object({
  /** Unique within a run: where the log keeps it. */
  id: z.number().int(),
  ...endpointsShape,
  /**
   * The state the connection ended in: the one it closed from, the one it lives on in (TIME_WAIT), or CLOSED when
   * nothing earlier is known.
   */
  finalState: z.enum(SOCKET_STATES),
  /**
   * Where finalState comes from. `trace`: the tracepoint saw the socket close from it. `kernel`: the kernel's table
   * shows the connection living on in it (a timewait socket on its tuple), or CLOSED, the state the kernel freed the
   * socket in when no earlier one is known. `observed`: the last state a refresh saw, up to one refresh before the
   * close; it may have changed since.
   */
  finalStateSource: z.enum(FACT_SOURCES),
  /** The kernel's socket cookie, or null. */
  cookie: z.string().nullable(),
  /** When the connection was first known to exist (ms since epoch), or null when never seen open. */
  openedAt: z.number().nullable(),
  /** Where openedAt comes from: the tracepoint (exact), or a refresh (`observed`: the connection may be older). */
  openedAtSource: z.enum(FACT_SOURCES),
  /** closedAt - openedAt (ms), or null when openedAt is unknown. */
  durationMs: z.number().nullable(),
  /** When the kernel freed the socket, or when polling saw it gone (ms since epoch). */
  closedAt: z.number(),
  /** `kernel`: a sock_diag destroy event; `trace`: the tracepoint; `observed`: a refresh found it gone. */
  closedAtSource: z.enum(FACT_SOURCES),
  /** Payload bytes the application sent over the connection's life (final tcp_info), or null (UDP, unknown). */
  bytesSent: z.number().nullable(),
  /** Payload bytes the application received, or null. */
  bytesReceived: z.number().nullable(),
  /** Smoothed RTT at the end (ms), or null. */
  rttMs: z.number().nullable(),
  retransmits: z.number().nullable(),
  /** The last process known to hold it (a refresh, or the tracepoint's task), or null. */
  pid: z.number().int().nullable(),
  process: z.string().nullable(),
  /** A connect() that never succeeded (SYN_SENT straight to CLOSE: refused, timed out, unreachable). */
  failedConnect: z.boolean(),
});
/** One closed connection, as the Connections log shows it. */
export type ClosedConnection = Readonly<z.output<typeof closedConnectionSchema>>;

export const closedLogRequestSchema = z
  .object({
    /** Only entries with an id greater than this (for polling new ones), default all. */
    afterId: z.number().int().min(-1).default(-1),
    /** Most entries answered, newest first. */
    limit: z.number().int().min(1).max(10_000).default(1000),
  })
  .strict();

export const closedLogSchema = z.object({
  /** Newest first. */
  entries: z.array(closedConnectionSchema).readonly(),
  /** Connections closed since core started, all counted (the log itself is bounded). */
  total: z.number().int(),
  /** Where closes come from now: kernel destroy events, or refreshes that found sockets gone (between-tick ones missed). */
  source: z.enum(FACT_SOURCES),
  /** Why kernel events are not in use, or null. */
  fallbackReason: z.string().nullable(),
  /** Events the kernel dropped because netinspect read them too slowly (its receive buffer overflowed). */
  lost: z.number().int(),
  /** Closed connections per second over the last minutes, oldest first (for the log's small chart). */
  perSecond: z.array(z.object({ at: z.number(), count: z.number().int() })).readonly(),
});
/** The `connections:closed` answer. */
export type ClosedLog = Readonly<z.output<typeof closedLogSchema>>;
