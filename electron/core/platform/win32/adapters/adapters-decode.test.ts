import { describe, expect, it } from 'vitest';
import { AA, decodeAdaptersAddresses, UA, windowsKind } from './adapters-decode';

/** Lays out a synthetic GetAdaptersAddresses buffer at a fake base address, with pointers into itself. */
function buildBuffer(base: bigint) {
  const buf = new Uint8Array(4096);
  const v = new DataView(buf.buffer);
  let free = 2 * AA.size;
  const alloc = (n: number) => {
    const at = free;
    free += (n + 7) & ~7;
    return at;
  };
  const ptr = (off: number) => base + BigInt(off);
  const wide = (s: string) => {
    const at = alloc((s.length + 1) * 2);
    for (let i = 0; i < s.length; i++) v.setUint16(at + 2 * i, s.charCodeAt(i), true);
    return ptr(at);
  };
  const ansi = (s: string) => {
    const at = alloc(s.length + 1);
    buf.set(new TextEncoder().encode(s), at);
    return ptr(at);
  };
  const adapter = (
    off: number,
    o: { name: string; desc: string; type: number; oper: number; mtu: number; next: number },
  ) => {
    v.setUint32(off, AA.size, true);
    v.setUint32(off + AA.ifIndex, off === 0 ? 7 : 1, true);
    v.setBigUint64(off + AA.next, o.next < 0 ? 0n : ptr(o.next), true);
    v.setBigUint64(off + AA.adapterName, ansi(`{guid-${o.name}}`), true);
    v.setBigUint64(off + AA.friendlyName, wide(o.name), true);
    v.setBigUint64(off + AA.description, wide(o.desc), true);
    buf.set([0, 0xff, 1, 2, 3, 4], off + AA.physicalAddress);
    v.setUint32(off + AA.physicalAddressLength, 6, true);
    v.setUint32(off + AA.mtu, o.mtu, true);
    v.setUint32(off + AA.ifType, o.type, true);
    v.setUint32(off + AA.operStatus, o.oper, true);
    v.setBigUint64(off + AA.luid, 0x1234n, true);
  };
  adapter(0, { name: 'tap-test', desc: 'TAP-Windows Adapter V9', type: 6, oper: 2, mtu: 1500, next: AA.size });
  adapter(AA.size, {
    name: 'Loopback',
    desc: 'Software Loopback Interface 1',
    type: 24,
    oper: 1,
    mtu: 0xffffffff,
    next: -1,
  });
  // Two unicast addresses on the first adapter: 10.1.2.3/24 and fd00::5/64.
  const u1 = alloc(UA.size);
  const u2 = alloc(UA.size);
  const s4 = alloc(16);
  const s6 = alloc(28);
  v.setUint16(s4, 2, true);
  buf.set([10, 1, 2, 3], s4 + 4);
  v.setUint16(s6, 23, true);
  buf.set([0xfd, 0, ...new Array(13).fill(0), 5], s6 + 8);
  v.setBigUint64(u1 + UA.next, ptr(u2), true);
  v.setBigUint64(u1 + UA.sockaddr, ptr(s4), true);
  buf[u1 + UA.prefix] = 24;
  v.setBigUint64(u2 + UA.sockaddr, ptr(s6), true);
  buf[u2 + UA.prefix] = 64;
  v.setBigUint64(AA.firstUnicast, ptr(u1), true);
  return buf;
}

describe('GetAdaptersAddresses decoding (x64 IP_ADAPTER_ADDRESSES_LH)', () => {
  it('walks the list, follows pointers relative to the base, reads names, MAC, MTU, state and addresses', () => {
    const base = 0x7ff0_0000_0000n;
    const [tap, lo] = decodeAdaptersAddresses(buildBuffer(base), base);
    expect(tap).toMatchObject({
      name: 'tap-test',
      index: 7,
      kind: 'tap',
      state: 'down',
      mac: '00:ff:01:02:03:04',
      mtu: 1500,
      ipv4: [{ address: '10.1.2.3', prefix: 24 }],
      ipv6: [{ address: 'fd00::5', prefix: 64 }],
      removable: true,
      guid: '{guid-tap-test}',
      luid: 0x1234n,
      description: 'TAP-Windows Adapter V9',
    });
    expect(lo).toMatchObject({ name: 'Loopback', kind: 'loopback', state: 'up', mtu: null, removable: false });
  });
  it('stops at pointers outside the buffer and names kinds from type and description', () => {
    const buf = new Uint8Array(AA.size);
    new DataView(buf.buffer).setBigUint64(AA.next, 0xdeadn, true);
    expect(decodeAdaptersAddresses(buf, 0x1000n)).toHaveLength(1);
    expect(windowsKind(6, 'Intel(R) Ethernet')).toBe('physical');
    expect(windowsKind(53, 'Wintun Userspace Tunnel')).toBe('tun');
    expect(windowsKind(131, 'Teredo')).toBe('virtual');
  });
});
