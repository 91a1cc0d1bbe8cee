// A NETLINK_ROUTE socket for one job: dump links and addresses, or send change requests and read their ACKs.
import { close, ErrnoError, errnoValue, recv, sendto } from '../../../ffi/libc';
import { openNetlink } from '../../../ffi/netlink-socket';
import { decodeAck } from '../sock-destroy-encode';
import { encodeDump, NETLINK_ROUTE, RTM_GETADDR, RTM_GETLINK } from './rtnetlink-encode';
import { decodeRtDump, type AddressRecord, type LinkRecord, type RtDecodeError } from './rtnetlink-decode';

const RECV_TIMEOUT_S = 5;
/** Dump datagrams are at most about 32 KiB; leave room. */
const RECV_BUFFER_BYTES = 64 * 1024;

/** Every link and address the kernel reports, from two dumps on one socket. */
export interface RtDump {
  readonly links: readonly LinkRecord[];
  readonly addresses: readonly AddressRecord[];
  /** Records left out for holding impossible values. */
  readonly errors: readonly RtDecodeError[];
}

/** One open route socket; close() it when done. */
export class RtNetlink {
  private readonly fd: number;
  private seq = ((Date.now() & 0xffff) << 12) >>> 0;
  private readonly rx = new Uint8Array(RECV_BUFFER_BYTES);

  constructor() {
    this.fd = openNetlink(NETLINK_ROUTE, RECV_TIMEOUT_S);
  }

  /** A fresh sequence number for the next request. */
  nextSeq(): number {
    this.seq = (this.seq + 1) >>> 0;
    return this.seq;
  }

  private receive(): number {
    const eintr = errnoValue('EINTR');
    for (;;) {
      try {
        return recv(this.fd, this.rx, 0);
      } catch (e) {
        if (e instanceof ErrnoError && e.errno === eintr) continue;
        throw e;
      }
    }
  }

  /** Links (RTM_GETLINK) then addresses (RTM_GETADDR); throws ErrnoError when the kernel refuses a dump. */
  dump(): RtDump {
    const links: LinkRecord[] = [];
    const addresses: AddressRecord[] = [];
    const errors: RtDecodeError[] = [];
    for (const type of [RTM_GETLINK, RTM_GETADDR] as const) {
      const seq = this.nextSeq();
      sendto(this.fd, encodeDump(seq, type), 0, null);
      for (;;) {
        const n = this.receive();
        if (n === 0) throw new Error('rtnetlink: the kernel closed the dump without NLMSG_DONE');
        const status = decodeRtDump(this.rx, n, seq, links, addresses, errors);
        if (status.kind === 'done') break;
        if (status.kind === 'error') throw new ErrnoError(`rtnetlink dump ${type}`, status.errno);
        if (status.kind === 'malformed') throw new Error(`rtnetlink dump: ${status.message}`);
      }
    }
    return { links, addresses, errors };
  }

  /** Sends one request built with `seq` (which must ask for an ACK) and returns the ACK's errno (0 = done). */
  request(build: (seq: number) => Uint8Array): number {
    const seq = this.nextSeq();
    sendto(this.fd, build(seq), 0, null);
    for (;;) {
      const n = this.receive();
      const status = decodeAck(this.rx, n, seq);
      if (status.kind === 'ack') return status.errno;
      if (status.kind === 'malformed') throw new Error(`rtnetlink reply: ${status.message}`);
      if (n === 0) throw new Error('rtnetlink: the kernel closed the socket without an answer');
    }
  }

  close(): void {
    close(this.fd);
  }
}

/** Runs `job` with a fresh route socket, closed afterwards whatever happens. */
export function withRtNetlink<T>(job: (rt: RtNetlink) => T): T {
  const rt = new RtNetlink();
  try {
    return job(rt);
  } finally {
    rt.close();
  }
}
