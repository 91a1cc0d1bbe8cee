// Pure rtnetlink dump decoding: RTM_NEWLINK (name, flags, MAC, MTU, operstate, kind, byte counters), RTM_NEWADDR.
import { formatIPv4, formatIPv6 } from '../../../../../shared/logic/address';
import { OPER_STATES } from '../../../../../shared/model/adapters';
import { eachAttr, eachMessage, LE, NLMSG_DONE, NLMSG_ERROR, NLMSG_HDRLEN, type Malformed } from '../netlink';
import {
  AF_INET,
  AF_INET6,
  IFA_ADDRESS,
  IFA_LOCAL,
  IFADDRMSG_LEN,
  IFINFOMSG_LEN,
  IFLA_MTU,
  RTM_NEWADDR,
  RTM_NEWLINK,
} from './rtnetlink-encode';

const IFLA_ADDRESS = 1;
const IFLA_IFNAME = 3;
const IFLA_OPERSTATE = 16;
const IFLA_LINKINFO = 18;
const IFLA_STATS64 = 23;
const IFLA_INFO_KIND = 1;

/** One link of an RTM_GETLINK dump. */
export interface LinkRecord {
  readonly index: number;
  readonly name: string;
  /** ARPHRD_* */
  readonly linkType: number;
  /** IFF_* */
  readonly flags: number;
  readonly mac: string | null;
  readonly mtu: number | null;
  readonly operState: (typeof OPER_STATES)[number];
  /** IFLA_INFO_KIND: veth, bridge, tun, bond ... or null for hardware and loopback. */
  readonly infoKind: string | null;
  readonly rxBytes: number | null;
  readonly txBytes: number | null;
}

/** One address of an RTM_GETADDR dump. */
export interface AddressRecord {
  readonly index: number;
  readonly family: 4 | 6;
  readonly address: string;
  readonly prefix: number;
}

/** One record the kernel could not have sent: left out of the list, and counted with its reason. */
export interface RtDecodeError {
  readonly record: 'link' | 'address';
  /** The interface index the record names (as decoded, maybe the impossible value itself). */
  readonly index: number;
  readonly field: string;
  readonly value: string;
}

/** IFNAMSIZ - 1: the kernel refuses longer names (bytes). */
const IFNAME_MAX_BYTES = 15;
/** The MTU is an int in the kernel (dev_validate_mtu refuses negative ones). */
const MTU_MAX = 0x7fffffff;
/** IFLA_INFO_KIND names a driver's rtnl_link_ops kind: short, printable ASCII. */
const KIND_PATTERN = /^[\x21-\x7e]{1,32}$/;

/** What one received datagram says: more to come, the dump ended, or the kernel refused. */
export type DumpStatus =
  | { readonly kind: 'more' }
  | { readonly kind: 'done' }
  | { readonly kind: 'error'; readonly errno: number }
  | Malformed;

/** IF_OPER_* (RFC 2863 order): 0 unknown, 1 notpresent, 2 down, 3 lowerlayerdown, 4 testing, 5 dormant, 6 up. */
const OPER: readonly (typeof OPER_STATES)[number][] = [
  'unknown',
  'notPresent',
  'down',
  'lowerLayerDown',
  'testing',
  'dormant',
  'up',
];

/** The bytes of a NUL-terminated attribute (without the NUL; all of it when there is none). */
function cBytes(buf: Uint8Array, off: number, len: number): Uint8Array {
  const bytes = buf.subarray(off, off + len);
  const end = bytes.indexOf(0);
  return end < 0 ? bytes : bytes.subarray(0, end);
}

function cString(buf: Uint8Array, off: number, len: number): string {
  return new TextDecoder().decode(cBytes(buf, off, len));
}

function macText(buf: Uint8Array, off: number, len: number): string | null {
  if (len !== 6) return null;
  return Array.from(buf.subarray(off, off + 6), (b) => b.toString(16).padStart(2, '0')).join(':');
}

/**
 * Why a link record is impossible, or null: a name that is empty, over IFNAMSIZ - 1 bytes or holds what
 * dev_valid_name refuses ('/', ':', whitespace); an index <= 0; an MTU past an int; a counter past 2^53; a kind that
 * is not short printable ASCII.
 */
function linkProblem(rec: LinkRecord, nameBytes: number, raw: { rx: bigint; tx: bigint }): RtDecodeError | null {
  const bad = (field: string, value: string | number | bigint): RtDecodeError => ({
    record: 'link',
    index: rec.index,
    field,
    value: String(value).slice(0, 64),
  });
  if (rec.index <= 0) return bad('index', rec.index);
  if (nameBytes === 0 || nameBytes > IFNAME_MAX_BYTES || /[/:\s]/.test(rec.name)) return bad('name', rec.name);
  if (rec.mtu !== null && rec.mtu > MTU_MAX) return bad('mtu', rec.mtu);
  if (raw.rx > BigInt(Number.MAX_SAFE_INTEGER)) return bad('rxBytes', raw.rx);
  if (raw.tx > BigInt(Number.MAX_SAFE_INTEGER)) return bad('txBytes', raw.tx);
  if (rec.infoKind !== null && !KIND_PATTERN.test(rec.infoKind)) return bad('infoKind', rec.infoKind);
  return null;
}

function decodeLink(buf: Uint8Array, v: DataView, off: number, end: number): LinkRecord | RtDecodeError {
  let nameBytes = 0;
  const raw = { rx: 0n, tx: 0n };
  const rec = {
    index: v.getInt32(off + 4, LE),
    name: '',
    linkType: v.getUint16(off + 2, LE),
    flags: v.getUint32(off + 8, LE),
    mac: null as string | null,
    mtu: null as number | null,
    operState: 'unknown' as LinkRecord['operState'],
    infoKind: null as string | null,
    rxBytes: null as number | null,
    txBytes: null as number | null,
  };
  // An rtattr with an impossible length ends the walk; the attributes before it stand.
  eachAttr(v, off + IFINFOMSG_LEN, end, (type, a, len) => {
    if (type === IFLA_IFNAME) {
      nameBytes = cBytes(buf, a, len).length;
      rec.name = cString(buf, a, len);
    } else if (type === IFLA_ADDRESS) rec.mac = macText(buf, a, len);
    else if (type === IFLA_MTU && len >= 4) rec.mtu = v.getUint32(a, LE);
    else if (type === IFLA_OPERSTATE && len >= 1) rec.operState = OPER[buf[a]] ?? 'unknown';
    else if (type === IFLA_STATS64 && len >= 32) {
      // struct rtnl_link_stats64: rx_packets, tx_packets, rx_bytes (16), tx_bytes (24), all u64.
      raw.rx = v.getBigUint64(a + 16, LE);
      raw.tx = v.getBigUint64(a + 24, LE);
      rec.rxBytes = Number(raw.rx);
      rec.txBytes = Number(raw.tx);
    } else if (type === IFLA_LINKINFO) {
      eachAttr(v, a, a + len, (t, b, l) => {
        if (t === IFLA_INFO_KIND) rec.infoKind = cString(buf, b, l);
      });
    }
  });
  return linkProblem(rec, nameBytes, raw) ?? rec;
}

function decodeAddr(buf: Uint8Array, v: DataView, off: number, end: number): AddressRecord | RtDecodeError | null {
  const af = buf[off];
  if (af !== AF_INET && af !== AF_INET6) return null;
  const size = af === AF_INET ? 4 : 16;
  let local = -1;
  let address = -1;
  eachAttr(v, off + IFADDRMSG_LEN, end, (type, a, len) => {
    if (len !== size) return;
    if (type === IFA_LOCAL) local = a;
    else if (type === IFA_ADDRESS) address = a;
  });
  // On point-to-point links IFA_ADDRESS is the peer: IFA_LOCAL, when present, is this side's address.
  const at = local >= 0 ? local : address;
  if (at < 0) return null;
  const index = v.getUint32(off + 4, LE);
  const prefix = buf[off + 1];
  // A prefix longer than the address, or an address on no interface, is nothing the kernel can hold.
  if (prefix > size * 8) return { record: 'address', index, field: 'prefix', value: String(prefix) };
  if (index === 0 || index > 0x7fffffff) return { record: 'address', index, field: 'index', value: String(index) };
  return {
    index,
    family: af === AF_INET ? 4 : 6,
    address: af === AF_INET ? formatIPv4(buf, at) : formatIPv6(buf, at),
    prefix,
  };
}

const isError = (r: object): r is RtDecodeError => 'field' in r;

/**
 * Decodes the first `length` bytes of a dump reply with sequence `seq`, appending links and addresses it finds.
 * Messages of another sequence number (stale answers) are skipped. A record with an impossible value (see
 * linkProblem, decodeAddr) is never appended: it goes to `errors` when given.
 */
export function decodeRtDump(
  buf: Uint8Array,
  length: number,
  seq: number,
  links: LinkRecord[],
  addresses: AddressRecord[],
  errors?: RtDecodeError[],
): DumpStatus {
  const v = new DataView(buf.buffer, buf.byteOffset, length);
  const status = eachMessage<DumpStatus>(v, length, (type, s, off, len) => {
    if (s !== seq >>> 0) return undefined;
    const body = off + NLMSG_HDRLEN;
    if (type === NLMSG_DONE) return { kind: 'done' };
    if (type === NLMSG_ERROR) {
      const errno = len >= NLMSG_HDRLEN + 4 ? -v.getInt32(body, LE) : 0;
      return errno === 0 ? { kind: 'done' } : { kind: 'error', errno };
    }
    if (type === RTM_NEWLINK && len >= NLMSG_HDRLEN + IFINFOMSG_LEN) {
      const l = decodeLink(buf, v, body, off + len);
      if (isError(l)) errors?.push(l);
      else links.push(l);
    }
    if (type === RTM_NEWADDR && len >= NLMSG_HDRLEN + IFADDRMSG_LEN) {
      const a = decodeAddr(buf, v, body, off + len);
      if (a && isError(a)) errors?.push(a);
      else if (a) addresses.push(a);
    }
    return undefined;
  });
  return status ?? { kind: 'more' };
}
