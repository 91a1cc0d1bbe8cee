// Pure decoder of GetAdaptersAddresses' output (x64 IP_ADAPTER_ADDRESSES_LH linked list) into the Adapter model.
// Offsets come from the documented iptypes.h layout; unit-tested on synthetic buffers, not run on Windows here.
import { formatIPv4, formatIPv6 } from '../../../../../shared/logic/address';
import type { Adapter, AdapterKind, InterfaceAddress } from '../../../../../shared/model/adapters';

/** Field offsets of IP_ADAPTER_ADDRESSES_LH on x64 (sizeof 448). */
export const AA = {
  ifIndex: 4,
  next: 8,
  adapterName: 16,
  firstUnicast: 24,
  description: 64,
  friendlyName: 72,
  physicalAddress: 80,
  physicalAddressLength: 88,
  mtu: 96,
  ifType: 100,
  operStatus: 104,
  luid: 224,
  size: 448,
} as const;
/** IP_ADAPTER_UNICAST_ADDRESS_LH on x64: Next at 8, SOCKET_ADDRESS {lpSockaddr at 16}, OnLinkPrefixLength at 56. */
export const UA = { next: 8, sockaddr: 16, prefix: 56, size: 64 } as const;

const IF_TYPE_SOFTWARE_LOOPBACK = 24;
const IF_TYPE_ETHERNET_CSMACD = 6;
const IF_TYPE_IEEE80211 = 71;
const IF_TYPE_TUNNEL = 131;
const AF_INET = 2;
const AF_INET6 = 23;

/** IfOperStatus 1..7 -> RFC 2863 names. */
const OPER: Readonly<Record<number, Adapter['state']>> = {
  1: 'up',
  2: 'down',
  3: 'testing',
  4: 'unknown',
  5: 'dormant',
  6: 'notPresent',
  7: 'lowerLayerDown',
};

/** One decoded adapter plus the Windows-only ids the TAP path needs. */
export interface WinAdapter extends Adapter {
  /** AdapterName: the adapter GUID text (NetCfgInstanceId). */
  readonly guid: string;
  readonly luid: bigint;
}

/** A view of the buffer GetAdaptersAddresses filled, where pointers are absolute addresses inside it. */
class Mem {
  private readonly v: DataView;
  constructor(
    private readonly buf: Uint8Array,
    private readonly base: bigint,
  ) {
    this.v = new DataView(buf.buffer, buf.byteOffset, buf.length);
  }
  /** Offset of pointer `p` in the buffer, or -1 for NULL or a pointer outside it. */
  at(p: bigint): number {
    if (p === 0n || p < this.base || p >= this.base + BigInt(this.buf.length)) return -1;
    return Number(p - this.base);
  }
  ptr(off: number): bigint {
    return this.v.getBigUint64(off, true);
  }
  u32(off: number): number {
    return this.v.getUint32(off, true);
  }
  u16(off: number): number {
    return this.v.getUint16(off, true);
  }
  u8(off: number): number {
    return this.buf[off];
  }
  bytes(off: number, n: number): Uint8Array {
    return this.buf.subarray(off, off + n);
  }
  ansi(p: bigint): string {
    const off = this.at(p);
    if (off < 0) return '';
    let end = off;
    while (end < this.buf.length && this.buf[end] !== 0) end++;
    return new TextDecoder('latin1').decode(this.buf.subarray(off, end));
  }
  wide(p: bigint): string {
    const off = this.at(p);
    if (off < 0) return '';
    let s = '';
    for (let i = off; i + 1 < this.buf.length; i += 2) {
      const c = this.u16(i);
      if (c === 0) break;
      s += String.fromCharCode(c);
    }
    return s;
  }
}

/** tap-windows6 describes itself as "TAP-Windows Adapter V9"; Wintun as "Wintun Userspace Tunnel". */
export function windowsKind(ifType: number, description: string): AdapterKind {
  if (ifType === IF_TYPE_SOFTWARE_LOOPBACK) return 'loopback';
  if (/^TAP-Windows/i.test(description)) return 'tap';
  if (/Wintun|WireGuard/i.test(description)) return /WireGuard/i.test(description) ? 'wireguard' : 'tun';
  if (ifType === IF_TYPE_TUNNEL) return 'virtual';
  if (/Hyper-V Virtual|VirtualBox|VMware/i.test(description)) return 'virtual';
  if (ifType === IF_TYPE_ETHERNET_CSMACD || ifType === IF_TYPE_IEEE80211) return 'physical';
  return 'other';
}

function unicast(m: Mem, first: bigint): { ipv4: InterfaceAddress[]; ipv6: InterfaceAddress[] } {
  const ipv4: InterfaceAddress[] = [];
  const ipv6: InterfaceAddress[] = [];
  let p = first;
  // A cycle would be a corrupt buffer; the bound keeps it from hanging.
  for (let guard = 0; guard < 1024; guard++) {
    const off = m.at(p);
    if (off < 0 || off + UA.size > Number.MAX_SAFE_INTEGER) break;
    const sa = m.at(m.ptr(off + UA.sockaddr));
    if (sa >= 0) {
      const family = m.u16(sa);
      const prefix = m.u8(off + UA.prefix);
      if (family === AF_INET) ipv4.push({ address: formatIPv4(m.bytes(sa + 4, 4)), prefix });
      if (family === AF_INET6) ipv6.push({ address: formatIPv6(m.bytes(sa + 8, 16)), prefix });
    }
    p = m.ptr(off + UA.next);
  }
  return { ipv4, ipv6 };
}

/** Decodes the list starting at the buffer's first byte; `base` is the buffer's native address. */
export function decodeAdaptersAddresses(buf: Uint8Array, base: bigint): WinAdapter[] {
  const m = new Mem(buf, base);
  const out: WinAdapter[] = [];
  let off = buf.length >= AA.size ? 0 : -1;
  for (let guard = 0; off >= 0 && off + AA.size <= buf.length && guard < 4096; guard++) {
    const description = m.wide(m.ptr(off + AA.description));
    const ifType = m.u32(off + AA.ifType);
    const kind = windowsKind(ifType, description);
    const macLen = m.u32(off + AA.physicalAddressLength);
    const mac =
      macLen === 6
        ? Array.from(m.bytes(off + AA.physicalAddress, 6), (b) => b.toString(16).padStart(2, '0')).join(':')
        : null;
    const mtu = m.u32(off + AA.mtu);
    out.push({
      name: m.wide(m.ptr(off + AA.friendlyName)),
      index: m.u32(off + AA.ifIndex),
      kind,
      state: OPER[m.u32(off + AA.operStatus)] ?? 'unknown',
      adminUp: m.u32(off + AA.operStatus) === 1,
      mac,
      // Loopback reports 0xffffffff (no limit).
      mtu: mtu === 0xffffffff ? null : mtu,
      ...unicast(m, m.ptr(off + AA.firstUnicast)),
      tun: null,
      rxBytes: null,
      txBytes: null,
      description,
      removable: kind === 'tap',
      guid: m.ansi(m.ptr(off + AA.adapterName)),
      luid: m.ptr(off + AA.luid),
    });
    off = m.at(m.ptr(off + AA.next));
  }
  return out;
}
