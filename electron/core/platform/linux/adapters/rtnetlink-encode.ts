// Pure rtnetlink requests (linux/rtnetlink.h, if_link.h, if_addr.h): link up/MTU, new address, link/address dumps.
import { LE, nlAlign, NLM_F_ACK, NLM_F_DUMP, NLM_F_REQUEST, NLMSG_HDRLEN, RTA_HDRLEN, writeNlmsghdr } from '../netlink';

export const NETLINK_ROUTE = 0;
export const RTM_NEWLINK = 16;
export const RTM_GETLINK = 18;
export const RTM_NEWADDR = 20;
export const RTM_GETADDR = 22;

export const NLM_F_EXCL = 0x200;
export const NLM_F_CREATE = 0x400;

export const IFF_UP = 0x1;
export const IFLA_MTU = 4;
export const IFA_ADDRESS = 1;
export const IFA_LOCAL = 2;
export const AF_UNSPEC = 0;
export const AF_INET = 2;
export const AF_INET6 = 10;

/** ifinfomsg 16, ifaddrmsg 8 (bytes). */
export const IFINFOMSG_LEN = 16;
export const IFADDRMSG_LEN = 8;

interface Attr {
  readonly type: number;
  readonly data: Uint8Array;
}

function u32(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value >>> 0, LE);
  return out;
}

/** One netlink message: header, a fixed body, then rtattrs, each padded to 4 bytes. */
function message(type: number, flags: number, seq: number, body: Uint8Array, attrs: readonly Attr[]): Uint8Array {
  const len = NLMSG_HDRLEN + nlAlign(body.length) + attrs.reduce((n, a) => n + nlAlign(RTA_HDRLEN + a.data.length), 0);
  const out = new Uint8Array(len);
  const v = new DataView(out.buffer);
  writeNlmsghdr(v, len, type, flags, seq);
  out.set(body, NLMSG_HDRLEN);
  let off = NLMSG_HDRLEN + nlAlign(body.length);
  for (const a of attrs) {
    v.setUint16(off, RTA_HDRLEN + a.data.length, LE);
    v.setUint16(off + 2, a.type, LE);
    out.set(a.data, off + RTA_HDRLEN);
    off += nlAlign(RTA_HDRLEN + a.data.length);
  }
  return out;
}

/** struct ifinfomsg { u8 family; u8 pad; u16 type; s32 index; u32 flags; u32 change; }. */
function ifinfomsg(index: number, flags: number, change: number): Uint8Array {
  const out = new Uint8Array(IFINFOMSG_LEN);
  const v = new DataView(out.buffer);
  v.setInt32(4, index, LE);
  v.setUint32(8, flags >>> 0, LE);
  v.setUint32(12, change >>> 0, LE);
  return out;
}

/**
 * RTM_NEWLINK on an existing link (no NLM_F_CREATE): sets IFF_UP when `up` (ifi_change masks which flags move) and
 * IFLA_MTU when `mtu` is given; NLM_F_ACK asks for the errno.
 */
export function encodeSetLink(seq: number, index: number, change: { up?: boolean; mtu?: number | null }): Uint8Array {
  const attrs: Attr[] = change.mtu ? [{ type: IFLA_MTU, data: u32(change.mtu) }] : [];
  const up = change.up === true;
  return message(
    RTM_NEWLINK,
    NLM_F_REQUEST | NLM_F_ACK,
    seq,
    ifinfomsg(index, up ? IFF_UP : 0, up ? IFF_UP : 0),
    attrs,
  );
}

/**
 * RTM_NEWADDR of `bytes` (4 or 16) / `prefix` on link `index`: struct ifaddrmsg { family, prefixlen, flags, scope,
 * u32 index } with IFA_LOCAL and IFA_ADDRESS both the address (what `ip addr add` sends without a peer).
 * NLM_F_EXCL: an address already there is EEXIST, not silently kept.
 */
export function encodeNewAddr(seq: number, index: number, bytes: Uint8Array, prefix: number): Uint8Array {
  const body = new Uint8Array(IFADDRMSG_LEN);
  body[0] = bytes.length === 4 ? AF_INET : AF_INET6;
  body[1] = prefix;
  new DataView(body.buffer).setUint32(4, index >>> 0, LE);
  const flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
  return message(RTM_NEWADDR, flags, seq, body, [
    { type: IFA_LOCAL, data: bytes },
    { type: IFA_ADDRESS, data: bytes },
  ]);
}

/** A dump request for every link (RTM_GETLINK) or every address (RTM_GETADDR) of every family. */
export function encodeDump(seq: number, type: typeof RTM_GETLINK | typeof RTM_GETADDR): Uint8Array {
  const body = new Uint8Array(type === RTM_GETLINK ? IFINFOMSG_LEN : IFADDRMSG_LEN);
  return message(type, NLM_F_REQUEST | NLM_F_DUMP, seq, body, []);
}
