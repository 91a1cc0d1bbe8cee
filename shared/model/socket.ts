// The canonical socket model every platform collector maps into, and the renderer, CLI and reports read. Each type
// is derived from its zod schema, so the wire format and the TypeScript type cannot drift apart.
import { z } from 'zod';

/** TCP states in the order a connection usually moves through them. */
export const TCP_STATES = [
  'LISTEN',
  'SYN_SENT',
  'SYN_RECEIVED',
  'ESTABLISHED',
  'FIN_WAIT_1',
  'FIN_WAIT_2',
  'CLOSE_WAIT',
  'CLOSING',
  'LAST_ACK',
  'TIME_WAIT',
  'CLOSED',
] as const;

/** UDP "states": an unconnected socket, or one connect()ed to a peer. */
export const UDP_STATES = ['UNCONN', 'ESTABLISHED'] as const;

/** Every state a socket of any protocol can be in. */
export const SOCKET_STATES = [...TCP_STATES, 'UNCONN'] as const;

/** A TCP state name. */
export type TcpState = (typeof TCP_STATES)[number];
/** A UDP state name. */
export type UdpState = (typeof UDP_STATES)[number];
/** Any socket state name. */
export type SocketState = (typeof SOCKET_STATES)[number];

/** Transport protocols. */
export const PROTOS = ['tcp', 'udp'] as const;
/** Transport protocol. */
export type Proto = (typeof PROTOS)[number];
/** IP address family: 4 or 6. */
export type Family = 4 | 6;

/** A port number as sockets carry it (0 for "any" / unconnected). */
export const portSchema = z.number().int().min(0).max(65535);

export const tcpMetricsSchema = z.object({
  /** Smoothed round-trip time (ms). */
  rttMs: z.number().nullable(),
  /** Total retransmitted segments over the connection's life. */
  retransmits: z.number().nullable(),
  /** Bytes sent (bytes). */
  bytesSent: z.number().nullable(),
  /** Bytes received (bytes). */
  bytesReceived: z.number().nullable(),
});
/** Per-connection TCP metrics, where the OS exposes them (Linux tcp_info). */
export type TcpMetrics = Readonly<z.output<typeof tcpMetricsSchema>>;

export const ownerSchema = z.object({
  pid: z.number().int(),
  /** Short process name, or null when unreadable. */
  process: z.string().nullable(),
  user: z.string().nullable(),
});
/** One process holding a socket. */
export type Owner = Readonly<z.output<typeof ownerSchema>>;

/** Where a time or count comes from: a kernel clock or counter, the state-change tracepoint, or polling. */
export const FACT_SOURCES = ['kernel', 'trace', 'observed'] as const;
/** The source of a fact: `observed` values are what polling saw, so ages are lower bounds. */
export type FactSource = (typeof FACT_SOURCES)[number];

/** A socket's endpoints: protocol, family, local and remote address and port (wildcards: 0.0.0.0 / :: and 0). */
export const endpointsShape = {
  proto: z.enum(PROTOS),
  family: z.union([z.literal(4), z.literal(6)]),
  localAddress: z.string(),
  localPort: portSchema,
  remoteAddress: z.string(),
  remotePort: portSchema,
};

export const rawSocketSchema = z.object({
  ...endpointsShape,
  state: z.enum(SOCKET_STATES),
  /** Owning process id (the first of `owners`), or null when not visible (other user's, TIME_WAIT, kernel). */
  pid: z.number().int().nullable(),
  /** Owning process short name, or null. */
  process: z.string().nullable(),
  /** User name of the socket's owner (from the socket uid when the process is hidden), or null. */
  user: z.string().nullable(),
  /** Numeric uid of the socket's owner, or null where the OS gives none. */
  uid: z.number().int().nullable(),
  /** Linux socket inode (0 for TIME_WAIT and request sockets), null elsewhere. */
  inode: z.number().int().nullable(),
  /** Receive queue (bytes); for LISTEN: connections waiting in the accept queue. */
  recvQueue: z.number().nullable(),
  /** Send queue (bytes); for LISTEN: the accept backlog. */
  sendQueue: z.number().nullable(),
  /** TCP metrics, or null for UDP / when unavailable. */
  metrics: tcpMetricsSchema.nullable(),
  /**
   * Every process holding the socket, the parent first: a listener inherited by forked workers (nginx, gunicorn,
   * php-fpm) has several. Empty when no owner is visible; `pid`, `process` and `user` repeat the first.
   */
  owners: z.array(ownerSchema).readonly(),
  /** The kernel's socket cookie (Linux, 64-bit, decimal): tells a reused 4-tuple from the socket before it. */
  cookie: z.string().nullable(),
  /**
   * When the socket entered its state by a kernel clock read in this snapshot (TIME_WAIT timer, tcp_info's time
   * since the last ACK for CLOSE_WAIT ...), ms since epoch; null where the kernel keeps no such clock.
   */
  kernelStateSince: z.number().nullable(),
  /** False when kernelStateSince is only a lower bound of the age (a timer running, keepalive ACKs ...). */
  kernelStateSinceExact: z.boolean(),
});
/** One socket as a collector sees it at one instant, before core adds history. */
export type RawSocket = Readonly<z.output<typeof rawSocketSchema>>;

/** What identifies a socket and its state, as every OS's socket table reports it before owners are attached. */
export type SocketTuple = Pick<
  RawSocket,
  'proto' | 'family' | 'state' | 'localAddress' | 'localPort' | 'remoteAddress' | 'remotePort'
>;

export const socketSchema = rawSocketSchema.extend({
  /** Stable identity across snapshots (see socketKey). */
  key: z.string(),
  /** When this socket was first seen (ms since epoch). */
  firstSeen: z.number(),
  /** When it entered its current state (ms since epoch), or null when unknown. */
  stateSince: z.number().nullable(),
  /**
   * Where stateSince comes from: `kernel` (a kernel clock), `trace` (seen entering the state through the
   * tracepoint) or `observed` (first seen in this state by polling: a lower bound of the age).
   */
  stateSinceSource: z.enum(FACT_SOURCES),
  /** True when stateSince is the moment itself; false when the age is a lower bound (shown as `≥ 12s`). */
  stateSinceExact: z.boolean(),
  /** Payload bytes sent per second over the last refresh (tcp_info), or null (UDP, first sight, no counters). */
  sentBytesPerSec: z.number().nullable(),
  /** Payload bytes received per second over the last refresh, or null. */
  receivedBytesPerSec: z.number().nullable(),
});
/** A socket with the history core keeps about it. */
export type Socket = Readonly<z.output<typeof socketSchema>>;

export const processInfoSchema = z.object({
  pid: z.number().int(),
  /** Short name (Linux: comm). */
  name: z.string(),
  /** Full executable path, or null when not readable. */
  exe: z.string().nullable(),
  /** Command line, arguments joined by spaces, or null when not readable. */
  cmdline: z.string().nullable(),
  user: z.string().nullable(),
  uid: z.number().int().nullable(),
  /** Process start time (ms since epoch), or null. */
  startTime: z.number().nullable(),
  /** Parent process id, or null when not visible (Windows reports none cheaply). */
  ppid: z.number().int().nullable(),
});
/** A process that owns at least one socket. */
export type ProcessInfo = Readonly<z.output<typeof processInfoSchema>>;

/**
 * Stable key of a socket: protocol, family, both endpoints; plus the inode for UDP and LISTEN sockets, where
 * SO_REUSEPORT lets several sockets share one tuple. Connected TCP sockets are keyed by tuple only, because the
 * kernel replaces the socket (inode becomes 0) when it enters TIME_WAIT and we want that seen as a transition.
 */
export function socketKey(s: RawSocket): string {
  const base = `${s.proto}${s.family} ${s.localAddress}:${s.localPort} ${s.remoteAddress}:${s.remotePort}`;
  return s.proto === 'udp' || s.state === 'LISTEN' ? `${base} #${s.inode ?? 0}` : base;
}

/** True for a TCP or UDP state name this model knows. */
export function isSocketState(value: string): value is SocketState {
  return (SOCKET_STATES as readonly string[]).includes(value);
}
