// The one seam between core and the operating system: everything per OS that core, the collector process and the
// privileged helper use. Each OS assembles its Platform in platform/<os>/index.ts; platform/index.ts picks one.
import type { Adapter, AdapterList, CreateAdapterOrder } from '../../../shared/model/adapters';
import type { CloseResult, Connection, KillResult, ProcessDetails } from '../../../shared/model/actions';
import type { EphemeralRange, KernelSetting } from '../../../shared/model/finding';
import type { KernelEventBatch, KernelSourceStatus } from '../../../shared/model/kernel-events';
import type { RawSnapshot } from '../../../shared/model/snapshot';
import type { RawSocket } from '../../../shared/model/socket';

/** Collects the machine's sockets with their owners. Calls are synchronous (native calls through koffi). */
export interface SocketCollector {
  /** `process.platform` this collector serves. */
  readonly platform: NodeJS.Platform;
  /** Takes one snapshot of every TCP/UDP socket, IPv4 and IPv6, with owners where visible. */
  snapshot(): RawSnapshot;
  /** Releases native handles (sockets, caches). */
  close(): void;
}

/** A validated kill request. */
export interface KillOrder {
  readonly pid: number;
  readonly force: boolean;
  /** The start time the user saw (ms since epoch): a pid reused since then is refused. */
  readonly expectStartTime?: number | null;
}

/** Processes, with the rights this process has. */
export interface ProcessControl {
  /** A process's details, without its sockets (core adds those from the live table). ESRCH when gone. */
  details(pid: number): Omit<ProcessDetails, 'sockets'>;
  /** Ends a process; REFUSED / ESRCH / NEEDS_ELEVATION / TIMEOUT as the contract says. */
  kill(order: KillOrder): Promise<Omit<KillResult, 'viaHelper'>>;
}

/** Closing one TCP connection without touching its process. */
export interface ConnectionControl {
  /** Closes one TCP connection; NOT_SUPPORTED / NEEDS_ELEVATION / ESRCH as the contract says. */
  close(connection: Connection): Omit<CloseResult, 'viaHelper'>;
}

/** One OS's interfaces: list them, create a TAP/TUN adapter, remove one (core/adapters adds the shared checks). */
export interface AdapterBackend {
  /** Every interface with its counters now; throws AppError or ErrnoError. */
  list(): AdapterList;
  /** Creates a checked order (name free, fields well-formed); answers the new adapter as list() shows it. */
  create(order: CreateAdapterOrder): Promise<Adapter>;
  /** Removes an adapter list() reported as removable. */
  remove(adapter: Adapter): Promise<void>;
}

/** What the diagnosis needs from the OS: kernel settings and the ephemeral port range. */
export interface KernelFacts {
  readonly readable: boolean;
  readonly settings: readonly KernelSetting[];
  readonly ephemeral: EphemeralRange;
  /** tcp_max_tw_buckets, or null where unknown. */
  readonly maxTimeWaitBuckets: number | null;
}

/** A port range no one may bind (Windows' excluded port ranges: Hyper-V, WinNAT reservations). */
export interface ReservedPortRange {
  readonly start: number;
  readonly end: number;
}

/** Facts a platform needs about netinspect itself. */
export interface PlatformOptions {
  /** The netinspect process whose tree counts as its own (default this one; a test names another). */
  readonly selfPid?: number;
  /**
   * More netinspect processes (with their descendants) whose connections a close refuses, beside this process's own
   * tree: the privileged helper names the app, which it does not descend from.
   */
  readonly ownPids?: readonly number[];
}

/** What the kernel tells between refreshes: freed sockets, traced transitions (Linux). */
export interface SocketEventSource {
  /** The sockets the latest snapshot saw (their cookies and states settle what the events alone cannot tell). */
  noteSockets(sockets: readonly RawSocket[]): void;
  /** Everything since the last drain. */
  drain(now?: number): KernelEventBatch;
  /** Each source's state (on/off, why, the one action, losses). */
  status(): KernelSourceStatus[];
  close(): void;
}

/** How a collector will be used. */
export interface CollectorOptions {
  /**
   * For one snapshot only (a cold `list`): nothing is kept for a next one (the decoders' memory of unchanged rows,
   * which only pays from the second refresh on).
   */
  readonly once?: boolean;
}

/** Everything per OS. */
export interface Platform {
  readonly os: NodeJS.Platform;
  /** The socket table's source; runs inside the collector process (a native crash ends only that process). */
  createSocketCollector(o?: CollectorOptions): SocketCollector;
  readonly processes: ProcessControl;
  readonly connections: ConnectionControl;
  readonly adapters: AdapterBackend;
  /** Kernel settings and the ephemeral range (never written, only read). */
  kernelFacts(): Promise<KernelFacts>;
  /**
   * Opens the kernel's event sources (in the collector process, beside the collector), or null where the OS has
   * none: closes and ages then come from refreshes only. Never throws: a source that cannot run reports why.
   */
  openSocketEvents(): SocketEventSource | null;
  /** The reserved range containing `port`, or null (also where the OS has no such reservations). */
  reservedRangeOf(proto: 'tcp' | 'udp', family: 4 | 6, port: number): Promise<ReservedPortRange | null>;
}
