// What the kernel reports between two refreshes (Linux): sockets it freed (sock_diag destroy events), every TCP state
// change (the sock:inet_sock_set_state tracepoint), connects that failed, and the state of both sources.
import { z } from 'zod';
import { messageParamsSchema } from './errors';
import { SOCKET_STATES, endpointsShape, portSchema } from './socket';

const tuple = endpointsShape;

export const closedTcpInfoSchema = z.object({
  rttMs: z.number().nullable(),
  retransmits: z.number().nullable(),
  /** Payload bytes sent (tcpi_bytes_sent minus tcpi_bytes_retrans), or null on kernels before 4.19. */
  bytesSent: z.number().nullable(),
  /** Payload bytes received, exact; null when it cannot be told whether the kernel's count holds the peer's FIN. */
  bytesReceived: z.number().nullable(),
  /** tcpi_bytes_received as the kernel counts it (the payload, or one more with the peer's FIN). */
  kernelBytesReceived: z.number().nullable(),
  bytesAcked: z.number().nullable(),
});

export const closedSocketEventSchema = z.object({
  ...tuple,
  /** The state in the destroy message (CLOSED for TCP). */
  state: z.enum(SOCKET_STATES),
  cookie: z.string(),
  /** When the kernel freed it (ms since epoch). */
  closedAt: z.number(),
  /** The state before CLOSE, when the trace saw it. */
  lastState: z.enum(SOCKET_STATES).nullable(),
  /** The process the trace last saw act on it (connect, close, shutdown), or null. */
  tracedPid: z.number().int().nullable(),
  /** Final counters, or null (UDP; a TCP socket with no peer, or aborted with SO_LINGER 0). */
  tcp: closedTcpInfoSchema.nullable(),
});
/** A socket the kernel freed. */
export type ClosedSocketEvent = Readonly<z.output<typeof closedSocketEventSchema>>;

export const tracedTransitionSchema = z.object({
  /** When it happened (ms since epoch, sub-ms precision). */
  at: z.number(),
  /** The process running when the state changed (the connect()/close() caller), or null. */
  pid: z.number().int().nullable(),
  tid: z.number().int(),
  comm: z.string().nullable(),
  ...tuple,
  proto: z.literal('tcp'),
  from: z.enum(SOCKET_STATES),
  to: z.enum(SOCKET_STATES),
  /** The socket's kernel address: stable over its life. */
  skaddr: z.string(),
});
/** One TCP state change, as the tracepoint reported it. */
export type TracedTransition = Readonly<z.output<typeof tracedTransitionSchema>>;

export const failedConnectSchema = z.object({
  at: z.number(),
  /** Who called connect(), or null when that step came before tracing started. */
  pid: z.number().int().nullable(),
  comm: z.string().nullable(),
  family: z.union([z.literal(4), z.literal(6)]),
  localAddress: z.string(),
  localPort: portSchema,
  remoteAddress: z.string(),
  remotePort: portSchema,
  skaddr: z.string(),
});
/** A connect() that never succeeded (SYN_SENT straight to CLOSE). */
export type FailedConnect = Readonly<z.output<typeof failedConnectSchema>>;

export const localizedTextSchema = z.object({
  key: z.string(),
  params: messageParamsSchema,
  /** The English text, for logs and the CLI. */
  message: z.string(),
});

export const KERNEL_SOURCES = ['closedSockets', 'stateTrace'] as const;

export const kernelSourceStatusSchema = z.object({
  source: z.enum(KERNEL_SOURCES),
  on: z.boolean(),
  /** Why it is off, or null while on. */
  reason: localizedTextSchema.nullable(),
  /** The one action that would turn it on, or null. */
  action: localizedTextSchema.nullable(),
  /** Events handed out so far. */
  delivered: z.number().int(),
  /** Events lost so far (read too slowly, or the kernel's buffer overflowed). */
  lost: z.number().int(),
  /** False when `lost` is a minimum. */
  lostExact: z.boolean(),
});
/** One kernel event source's state. */
export type KernelSourceStatus = Readonly<z.output<typeof kernelSourceStatusSchema>>;

/** What the collector drains from the kernel sources on each refresh. */
export interface KernelEventBatch {
  readonly closed: readonly ClosedSocketEvent[];
  readonly transitions: readonly TracedTransition[];
  readonly failedConnects: readonly FailedConnect[];
}

/** No kernel events (another OS, or sources off). */
export const NO_KERNEL_EVENTS: KernelEventBatch = { closed: [], transitions: [], failedConnects: [] };
