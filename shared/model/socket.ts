// The canonical socket model every platform collector maps into, and the renderer, CLI and reports read.

/** TCP states in the order a connection usually moves through them (DESIGN.md "The model"). */
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

/** Transport protocol. */
export type Proto = 'tcp' | 'udp';
/** IP address family: 4 or 6. */
export type Family = 4 | 6;

/** Per-connection TCP metrics, where the OS exposes them (Linux tcp_info). */
export interface TcpMetrics {
  /** Smoothed round-trip time in ms. */
  readonly rttMs: number | null;
  /** Total retransmitted segments over the connection's life. */
  readonly retransmits: number | null;
  /** Bytes sent (bytes). */
  readonly bytesSent: number | null;
  /** Bytes received (bytes). */
  readonly bytesReceived: number | null;
}

/** One socket as a collector sees it at one instant, before core adds history. */
export interface RawSocket {
  readonly proto: Proto;
  readonly family: Family;
  readonly localAddress: string;
  readonly localPort: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly state: SocketState;
  /** Owning process id, or null when not visible (other user's process, TIME_WAIT, kernel socket). */
  readonly pid: number | null;
  /** Owning process short name, or null. */
  readonly process: string | null;
  /** User name of the socket's owner (from the socket uid when the process is hidden), or null. */
  readonly user: string | null;
  /** Numeric uid of the socket's owner, or null where the OS gives none. */
  readonly uid: number | null;
  /** Linux socket inode (0 for TIME_WAIT and request sockets), null elsewhere. */
  readonly inode: number | null;
  /** Receive queue (bytes); for LISTEN: connections waiting in the accept queue. */
  readonly recvQueue: number | null;
  /** Send queue (bytes); for LISTEN: the accept backlog. */
  readonly sendQueue: number | null;
  /** TCP metrics, or null for UDP / when unavailable. */
  readonly metrics: TcpMetrics | null;
}

/** What identifies a socket and its state, as every OS's socket table reports it before owners are attached. */
export type SocketTuple = Pick<
  RawSocket,
  'proto' | 'family' | 'state' | 'localAddress' | 'localPort' | 'remoteAddress' | 'remotePort'
>;

/** A socket with the history core keeps about it. */
export interface Socket extends RawSocket {
  /** Stable identity across snapshots (see socketKey). */
  readonly key: string;
  /** When this socket was first seen (ms since epoch). */
  readonly firstSeen: number;
  /** When it entered its current state (ms since epoch). */
  readonly stateSince: number;
}

/** A process that owns at least one socket. */
export interface ProcessInfo {
  readonly pid: number;
  /** Short name (Linux: comm). */
  readonly name: string;
  /** Full executable path, or null when not readable. */
  readonly exe: string | null;
  /** Command line, arguments joined by spaces, or null when not readable. */
  readonly cmdline: string | null;
  readonly user: string | null;
  readonly uid: number | null;
  /** Process start time (ms since epoch), or null. */
  readonly startTime: number | null;
}

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
