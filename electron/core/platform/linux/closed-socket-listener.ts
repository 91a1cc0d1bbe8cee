// Every socket the kernel frees, as it happens: a NETLINK_SOCK_DIAG socket joined to the four destroy groups (what
// `ss -E` reads), drained on its own thread, decoded and settled on drain(), with loss counted by the kernel.
import { readFileSync } from 'node:fs';
import { bind, close, ErrnoError, getsockname, getsockoptInt, setsockopt } from '../../ffi/libc';
import { AF_NETLINK, NETLINK_SOCK_DIAG, openNetlink } from '../../ffi/netlink-socket';
import { ReaderThread } from '../../ffi/reader-thread';
import { decodeDestroyDatagram, type ClosedSocket } from './closed-socket-decode';
import { ClosedEventSettler } from './closed-event-settler';

const SOL_SOCKET = 1;
const SO_RCVBUF = 8;
const SO_RCVBUFFORCE = 33;
/** SKNLGRP_INET_TCP_DESTROY (1) .. SKNLGRP_INET6_UDP_DESTROY (4), as nl_groups bits 1 << (group - 1). */
const DESTROY_GROUPS = 0b1111;
/** sockaddr_nl fields are in host byte order. */
const LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** One destroy message is ~380 bytes (TCP with a 280-byte tcp_info); a datagram holds one. */
const READ_BYTES = 8192;

/** Why the listener could not start; `errno` is the failing call's errno name, when there is one. */
export type ClosedListenerUnavailable =
  | { readonly code: 'NO_SOCK_DIAG'; readonly errno: string }
  | { readonly code: 'GROUPS_REFUSED'; readonly errno: string }
  | { readonly code: 'NO_DESTROY_GROUPS' }
  | { readonly code: 'THREAD_FAILED'; readonly errno: string };

export interface ClosedListenerOptions {
  /** Receive buffer asked for (bytes); the kernel doubles it, and caps it at net.core.rmem_max unless forced. */
  readonly receiveBufferBytes?: number;
  /** How long an event waits for its peer's to settle its payload count (ms); see closed-event-settler.ts. */
  readonly holdMs?: number;
  /** How long every event waits at least (ms), e.g. for the traced transition it closed with. */
  readonly minHoldMs?: number;
}

/** Events the listener could not deliver. */
export interface ClosedLoss {
  /** How many destroy events were lost. */
  readonly events: number;
  /** False when the kernel's drop counter could not be read and `events` counts overflow episodes (a minimum). */
  readonly exact: boolean;
}

/** Facts about the running listener. */
export interface ClosedListenerInfo {
  /** Receive buffer the kernel granted (bytes). */
  readonly receiveBufferBytes: number;
  /** True when SO_RCVBUFFORCE (CAP_NET_ADMIN) lifted the rmem_max cap. */
  readonly forced: boolean;
  /** Events handed out so far. */
  readonly delivered: number;
  /** Messages that were not TCP/UDP destroy events or could not be decoded. */
  readonly undecodable: number;
}

/**
 * Listens to the destroy groups until close(). Unprivileged processes may join them (the kernel's sock_diag
 * socket allows non-root receive); uid and inode are 0 in these messages: match by cookie or tuple.
 */
export class ClosedSocketListener {
  private delivered = 0;
  private undecodable = 0;
  private dropsRead: number | null = null;
  private overrunsSeen = 0;
  private closed = false;

  private constructor(
    private readonly fd: number,
    private readonly portId: number,
    private readonly reader: ReaderThread,
    private readonly settler: ClosedEventSettler,
    private readonly buffer: { readonly bytes: number; readonly forced: boolean },
  ) {}

  /** Opens the listener, or says why it cannot be had here; never throws. */
  static open(
    options: ClosedListenerOptions = {},
  ): ClosedSocketListener | { readonly unavailable: ClosedListenerUnavailable } {
    let fd: number;
    try {
      fd = openNetlink(NETLINK_SOCK_DIAG);
    } catch (e) {
      return { unavailable: { code: 'NO_SOCK_DIAG', errno: errnoCode(e) } };
    }
    try {
      const buffer = sizeBuffer(fd, options.receiveBufferBytes ?? 8 * 1024 * 1024);
      const addr = new Uint8Array(12); // sockaddr_nl: u16 family, u16 pad, u32 pid (0: the kernel picks), u32 groups
      const view = new DataView(addr.buffer);
      view.setUint16(0, AF_NETLINK, LE);
      view.setUint32(8, DESTROY_GROUPS, LE);
      try {
        bind(fd, addr);
      } catch (e) {
        close(fd);
        return { unavailable: { code: 'GROUPS_REFUSED', errno: errnoCode(e) } };
      }
      // A kernel without the destroy groups masks them off silently: the bound groups tell.
      addr.fill(0);
      getsockname(fd, addr);
      const bound = readSockaddrNl(addr);
      if ((bound.groups & DESTROY_GROUPS) !== DESTROY_GROUPS) {
        close(fd);
        return { unavailable: { code: 'NO_DESTROY_GROUPS' } };
      }
      let reader: ReaderThread;
      try {
        // At most 50 ms asleep: ~200 events at 4,000 closes/s, within even a 212,992-byte rmem_max (~330 events).
        reader = ReaderThread.start([{ fd, kind: 'recv', readBytes: READ_BYTES }], { idleMs: 10, maxIdleMs: 50 });
      } catch (e) {
        close(fd);
        return { unavailable: { code: 'THREAD_FAILED', errno: errnoCode(e) } };
      }
      return new ClosedSocketListener(
        fd,
        bound.pid,
        reader,
        new ClosedEventSettler(options.holdMs, undefined, undefined, options.minHoldMs),
        buffer,
      );
    } catch (e) {
      close(fd);
      return { unavailable: { code: 'NO_SOCK_DIAG', errno: errnoCode(e) } };
    }
  }

  /**
   * Sockets freed since the last drain, oldest first. An event whose payload count is still unsettled waits up to
   * holdMs for its peer's event, so the newest ones may come with the next drain.
   */
  drain(now = Date.now()): ClosedSocket[] {
    if (this.closed) return [];
    for (const chunk of this.reader.take()) {
      for (let i = 0; i + 1 < chunk.offsets.length; i++) {
        const part = chunk.data.subarray(chunk.offsets[i], chunk.offsets[i + 1]);
        const d = decodeDestroyDatagram(part, part.length, chunk.epochMs[i]);
        this.undecodable += d.undecodable;
        this.settler.add(d.events);
      }
    }
    const out = this.settler.release(now);
    this.delivered += out.length;
    return out;
  }

  /** The settler, for evidence from the trace and the poll (see closed-event-settler.ts). */
  get evidence(): Pick<ClosedEventSettler, 'noteTransition' | 'noteSocket'> {
    return this.settler;
  }

  /**
   * Events lost so far: the kernel's drop counter for this socket (sk_drops, /proc/net/netlink "Drops"), read
   * once the thread has seen ENOBUFS (no drop happens without one), plus any the thread dropped because nobody
   * drained for so long that its queue bound was reached.
   */
  lost(): ClosedLoss {
    const c = this.reader.counters(0);
    if (c.overruns > this.overrunsSeen || (c.overruns > 0 && this.dropsRead === null)) {
      this.overrunsSeen = c.overruns;
      this.dropsRead = readNetlinkDrops(this.portId);
    }
    if (c.overruns === 0) return { events: c.droppedReads, exact: true };
    if (this.dropsRead === null) return { events: c.overruns + c.droppedReads, exact: false };
    return { events: this.dropsRead + c.droppedReads, exact: true };
  }

  /** Why the listener stopped receiving (its thread ended or recv failed), or null while it runs. */
  failure(): string | null {
    if (this.closed) return null;
    const errno = this.reader.counters(0).errno;
    if (errno !== null) return errno === -1 ? 'reader thread failed' : `recv errno ${errno}`;
    return this.reader.running ? null : 'reader thread ended';
  }

  info(): ClosedListenerInfo {
    return {
      receiveBufferBytes: this.buffer.bytes,
      forced: this.buffer.forced,
      delivered: this.delivered,
      undecodable: this.undecodable,
    };
  }

  /** Stops the thread, then closes the socket; later drains return nothing. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.reader.stop();
    close(this.fd);
  }
}

/** SO_RCVBUFFORCE when allowed (CAP_NET_ADMIN), else SO_RCVBUF (capped by rmem_max); returns what was granted. */
function sizeBuffer(fd: number, bytes: number): { bytes: number; forced: boolean } {
  const value = new Uint8Array(new Int32Array([bytes]).buffer);
  let forced = true;
  try {
    setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, value);
  } catch {
    forced = false;
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, value);
  }
  return { bytes: getsockoptInt(fd, SOL_SOCKET, SO_RCVBUF), forced };
}

/** sockaddr_nl as getsockname filled it: our port id and the groups actually joined. */
function readSockaddrNl(addr: Uint8Array): { pid: number; groups: number } {
  const v = new DataView(addr.buffer, addr.byteOffset, addr.length);
  return { pid: v.getUint32(4, LE), groups: v.getUint32(8, LE) };
}

/** The Drops column of /proc/net/netlink for our socket (Eth 4 = NETLINK_SOCK_DIAG, Pid = our port id). */
export function parseNetlinkDrops(text: string, portId: number): number | null {
  const lines = text.split('\n');
  const header = lines[0]?.trim().split(/\s+/) ?? [];
  const eth = header.indexOf('Eth');
  const pid = header.indexOf('Pid');
  const drops = header.indexOf('Drops');
  if (eth < 0 || pid < 0 || drops < 0) return null;
  for (const line of lines.slice(1)) {
    const cols = line.trim().split(/\s+/);
    if (cols[eth] === String(NETLINK_SOCK_DIAG) && cols[pid] === String(portId)) {
      const n = Number(cols[drops]);
      return Number.isInteger(n) && n >= 0 ? n : null;
    }
  }
  return null;
}

function readNetlinkDrops(portId: number): number | null {
  try {
    return parseNetlinkDrops(readFileSync('/proc/net/netlink', 'latin1'), portId);
  } catch {
    return null;
  }
}

function errnoCode(e: unknown): string {
  if (e instanceof ErrnoError) return e.code;
  return e instanceof Error ? e.message : String(e);
}
