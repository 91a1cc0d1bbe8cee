// A NETLINK_SOCK_DIAG client: one socket kept open, dump requests for tcp/udp x v4/v6, replies decoded in place.
import { readFileSync } from 'node:fs';
import { close, ErrnoError, errnoValue, recv, sendto } from '../../ffi/libc';
import { NETLINK_SOCK_DIAG, openNetlink } from '../../ffi/netlink-socket';
import type { Proto } from '../../../../shared/model/socket';
import type { KernelSocket } from './kernel-socket';
import { LE, NLM_F_DUMP, NLM_F_REQUEST, NLMSG_HDRLEN, writeNlmsghdr } from './netlink';
import {
  AF_INET,
  AF_INET6,
  decodeSockDiag,
  type DumpClock,
  INET_DIAG_INFO,
  SOCK_DIAG_BY_FAMILY,
  TCPDIAG_GETSOCK,
} from './sockdiag-decode';
import { DumpMemo } from './sockdiag-memo';

const IPPROTO_TCP = 6;
const IPPROTO_UDP = 17;
const MSG_TRUNC = 0x20;
const RECV_TIMEOUT_S = 5;
/** inet_diag_req_v2 is 56 bytes after the 16-byte nlmsghdr. */
const REQUEST_LEN = NLMSG_HDRLEN + 56;
/**
 * struct inet_diag_req (family, src_len, dst_len, ext; sockid 48; u32 states; u32 dbs) is 60 bytes: the older
 * request, which dumps TCP of both families in one walk of the kernel's table. Two v2 dumps walk it twice, and the
 * IPv6 one (nothing to report on most hosts) cost 18 ms at 40,000 IPv4 sockets here.
 */
const COMPAT_REQUEST_LEN = NLMSG_HDRLEN + 60;
/**
 * The kernel fills each dump datagram up to what the reader last asked for, capped near 32 KiB; a larger buffer
 * costs nothing and leaves room should a kernel send bigger ones (MSG_TRUNC would tell us if it did).
 */
const RECV_BUFFER_BYTES = 256 * 1024;

const FIN_TIMEOUT_PATH = '/proc/sys/net/ipv4/tcp_fin_timeout';

/** net.ipv4.tcp_fin_timeout in ms, read now (it can change at run time), or null where /proc/sys is hidden. */
function finTimeoutMs(): number | null {
  try {
    const s = Number(readFileSync(FIN_TIMEOUT_PATH, 'latin1').trim());
    return Number.isInteger(s) && s > 0 ? s * 1000 : null;
  } catch {
    return null;
  }
}

/** Bytes a dump request takes at most (writeDumpRequest). */
export const DUMP_REQUEST_BYTES = Math.max(REQUEST_LEN, COMPAT_REQUEST_LEN);

/**
 * Writes the dump request for every socket of `proto` and `family` (every state; TCP with its tcp_info) into
 * `buf` (DUMP_REQUEST_BYTES long, `view` over it) and returns the part to send. `family` null: TCP of every family
 * in one walk, through the older request.
 */
export function writeDumpRequest(
  buf: Uint8Array,
  view: DataView,
  proto: Proto,
  family: 4 | 6 | null,
  seq: number,
): Uint8Array {
  const v = view;
  buf.fill(0);
  if (family === null) {
    writeNlmsghdr(v, COMPAT_REQUEST_LEN, TCPDIAG_GETSOCK, NLM_F_REQUEST | NLM_F_DUMP, seq);
    v.setUint8(16, AF_INET); // ignored for a dump: the kernel walks every family (AF_UNSPEC)
    v.setUint8(19, 1 << (INET_DIAG_INFO - 1));
    v.setUint32(16 + 52, 0xffffffff, LE); // every state
  } else {
    writeNlmsghdr(v, REQUEST_LEN, SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST | NLM_F_DUMP, seq);
    v.setUint8(16, family === 4 ? AF_INET : AF_INET6);
    v.setUint8(17, proto === 'tcp' ? IPPROTO_TCP : IPPROTO_UDP);
    v.setUint8(18, proto === 'tcp' ? 1 << (INET_DIAG_INFO - 1) : 0);
    v.setUint32(20, 0xffffffff, LE); // every state
  }
  return buf.subarray(0, v.getUint32(0, LE));
}

/** One open NETLINK_SOCK_DIAG socket; not thread-safe, one dump at a time. */
export class SockDiagClient {
  private fd: number;
  private seq: number;
  private readonly request = new Uint8Array(DUMP_REQUEST_BYTES);
  private readonly requestView = new DataView(this.request.buffer);
  private readonly rx = new Uint8Array(RECV_BUFFER_BYTES);
  /** Per table (proto + family): the last complete dump, so unchanged sockets keep their objects. */
  private readonly memos = new Map<string, DumpMemo>();
  /** Set when the kernel refused the one-walk TCP request: TCP is then dumped per family. */
  private compatOff = false;

  /** Whether each dump is compared with the previous one (false for one snapshot: nothing to compare with). */
  private readonly keepRows: boolean;

  /**
   * Opens the socket; throws ErrnoError (EPROTONOSUPPORT without sock_diag, EACCES under a sandbox ...).
   * `keepRows` false: every dump decodes every row, and `dump` returns null origins.
   */
  constructor(o: { readonly keepRows?: boolean } = {}) {
    this.keepRows = o.keepRows ?? true;
    this.fd = openNetlink(NETLINK_SOCK_DIAG, RECV_TIMEOUT_S);
    // Start from a pseudo-random sequence so a reused fd never matches replies meant for someone else.
    this.seq = (Date.now() & 0xffff) << 8;
  }

  /**
   * Dumps every socket of `proto` and `family` (4 or 6) and appends them to `out`; throws ErrnoError or Error.
   * A socket whose decoded fields equal those in this table's previous complete dump is the same object as then.
   * Returns, per socket appended, its index in that previous dump when kept, else -1 (see DumpMemo.lastOrigins);
   * null from a client that keeps no rows.
   */
  dump(proto: Proto, family: 4 | 6 | null, out: KernelSocket[]): Int32Array | null {
    if (this.fd < 0) throw new Error('sock_diag socket is closed');
    if (family === null && proto !== 'tcp') throw new Error('only TCP is dumped for both families at once');
    if (!this.keepRows) {
      this.dumpTable(proto, family, out, null);
      return null;
    }
    const table = `${proto}${family ?? ''}`;
    let memo = this.memos.get(table);
    if (!memo) this.memos.set(table, (memo = new DumpMemo()));
    memo.begin();
    try {
      this.dumpTable(proto, family, out, memo);
      memo.commit();
      return memo.lastOrigins();
    } catch (e) {
      memo.abort();
      throw e;
    }
  }

  /** The dumps of one table: TCP of both families in one walk where the kernel takes the older request. */
  private dumpTable(proto: Proto, family: 4 | 6 | null, out: KernelSocket[], memo: DumpMemo | null): void {
    if (family !== null) this.dumpInto(proto, family, out, memo);
    else if (!this.compatOff) {
      const mark = out.length;
      try {
        this.dumpInto(proto, null, out, memo);
      } catch (e) {
        // A kernel without the older request answers it with an error before any socket: per family then. Only
        // the kernel's own answer counts (a timeout or a failed send is a failure, not a missing request).
        if (!(e instanceof ErrnoError) || !e.syscall.startsWith('sock_diag') || out.length !== mark) throw e;
        this.compatOff = true;
      }
    }
    if (family === null && this.compatOff) {
      this.dumpInto(proto, 4, out, memo);
      this.dumpInto(proto, 6, out, memo);
    }
  }

  /** One dump request and its replies; `family` null: TCP of every family through the older request. */
  private dumpInto(proto: Proto, family: 4 | 6 | null, out: KernelSocket[], memo: DumpMemo | null): void {
    const seq = (this.seq = (this.seq + 1) >>> 0);
    const request = writeDumpRequest(this.request, this.requestView, proto, family, seq);
    // The kernel's "ms since" and "ms left" count from the moment it walks the table, right after this request.
    const clock: DumpClock | null = proto === 'tcp' ? { takenAt: Date.now(), finTimeoutMs: finTimeoutMs() } : null;
    // No address: netlink's default peer is the kernel.
    sendto(this.fd, request, 0, null);
    const eintr = errnoValue('EINTR');
    for (;;) {
      let n: number;
      try {
        n = recv(this.fd, this.rx, MSG_TRUNC);
      } catch (e) {
        if (e instanceof ErrnoError && e.errno === eintr) continue;
        throw e;
      }
      if (n === 0) throw new Error('sock_diag: the kernel closed the dump without NLMSG_DONE');
      if (n > this.rx.length) throw new Error(`sock_diag: a ${n}-byte reply does not fit the receive buffer`);
      const status = decodeSockDiag(this.rx, n, proto, seq, out, memo, clock);
      if (status.kind === 'done') return;
      if (status.kind === 'error') {
        if (status.errno !== null) throw new ErrnoError(`sock_diag ${proto}${family ?? ''}`, status.errno);
        throw new Error(`sock_diag ${proto}${family ?? ''}: ${status.message}`);
      }
    }
  }

  /** Closes the socket; later dumps throw. */
  close(): void {
    if (this.fd < 0) return;
    const fd = this.fd;
    this.fd = -1;
    close(fd);
  }
}
