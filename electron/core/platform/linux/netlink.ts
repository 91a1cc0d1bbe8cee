// Pure netlink framing every sock_diag and rtnetlink codec shares: the nlmsghdr, and walks over messages and rtattrs.

/** Netlink headers and attributes are in host byte order (ports and addresses inside them in network order). */
export const LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** nlmsghdr: u32 len, u16 type, u16 flags, u32 seq, u32 pid. */
export const NLMSG_HDRLEN = 16;
export const NLMSG_ERROR = 2;
export const NLMSG_DONE = 3;
export const NLM_F_REQUEST = 0x1;
/** NLM_F_ROOT | NLM_F_MATCH: every object of the kind asked for. */
export const NLM_F_DUMP = 0x300;
/** Asks for an NLMSG_ERROR reply even on success (error 0), so the caller learns the outcome. */
export const NLM_F_ACK = 0x4;

/** Messages and attributes start on 4-byte boundaries (NLMSG_ALIGN, RTA_ALIGN). */
export const nlAlign = (n: number): number => (n + 3) & ~3;

/** Writes the nlmsghdr at the start of `v`; nlmsg_pid stays 0: the kernel is the peer and fills in ours. */
export function writeNlmsghdr(v: DataView, len: number, type: number, flags: number, seq: number): void {
  v.setUint32(0, len, LE);
  v.setUint16(4, type, LE);
  v.setUint16(6, flags, LE);
  v.setUint32(8, seq >>> 0, LE);
}

/** A buffer no kernel could have sent, and where it goes wrong. */
export interface Malformed {
  readonly kind: 'malformed';
  readonly message: string;
}

/** One message of a walk: its type and sequence number; it spans [off, off + len), its payload from NLMSG_HDRLEN. */
export type MessageVisitor<T> = (type: number, seq: number, off: number, len: number) => T | undefined;

/**
 * Visits each netlink message in the first `length` bytes of `v` until `visit` answers something, and returns that
 * answer; undefined when every message was visited (a tail shorter than a header is no message). A message whose
 * nlmsg_len is shorter than its header or runs past `length` ends the walk as Malformed.
 */
export function eachMessage<T>(v: DataView, length: number, visit: MessageVisitor<T>): T | Malformed | undefined {
  for (let off = 0; off + NLMSG_HDRLEN <= length;) {
    const len = v.getUint32(off, LE);
    if (len < NLMSG_HDRLEN || len > length - off) {
      return { kind: 'malformed', message: `netlink message length ${len} at byte ${off}` };
    }
    const answer = visit(v.getUint16(off + 4, LE), v.getUint32(off + 8, LE), off, len);
    if (answer !== undefined) return answer;
    off += nlAlign(len);
  }
  return undefined;
}

/** rtattr (nlattr): u16 len, u16 type, then the payload. */
export const RTA_HDRLEN = 4;
/** Clears NLA_F_NESTED and NLA_F_NET_BYTEORDER from an attribute's type. */
export const NLA_TYPE_MASK = 0x3fff;

/** One rtattr of a walk: its type (flags cleared), where its payload starts, and the payload's length. */
export type AttrVisitor = (type: number, at: number, len: number) => void;

/**
 * Visits each rtattr in [start, end) of `v`; a tail shorter than an attribute header is no attribute. Returns -1
 * when every attribute fit, else the offset of the first whose rta_len is shorter than its header or runs past
 * `end`: the walk stops there, and the caller says whether that voids the message.
 */
export function eachAttr(v: DataView, start: number, end: number, visit: AttrVisitor): number {
  for (let a = start; a + RTA_HDRLEN <= end;) {
    const len = v.getUint16(a, LE);
    if (len < RTA_HDRLEN || len > end - a) return a;
    visit(v.getUint16(a + 2, LE) & NLA_TYPE_MASK, a + RTA_HDRLEN, len - RTA_HDRLEN);
    a += nlAlign(len);
  }
  return -1;
}
