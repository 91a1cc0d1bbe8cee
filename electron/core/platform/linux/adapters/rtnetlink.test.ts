import { describe, expect, it } from 'vitest';
import { decodeRtDump, type AddressRecord, type LinkRecord } from './rtnetlink-decode';
import { encodeDump, encodeNewAddr, encodeSetLink, RTM_GETADDR, RTM_GETLINK } from './rtnetlink-encode';

const u16 = (b: Uint8Array, o: number) => new DataView(b.buffer).getUint16(o, true);
const u32 = (b: Uint8Array, o: number) => new DataView(b.buffer).getUint32(o, true);

describe('rtnetlink requests', () => {
  it('RTM_NEWLINK sets IFF_UP with a matching change mask and IFLA_MTU', () => {
    const b = encodeSetLink(7, 42, { up: true, mtu: 1400 });
    expect(u32(b, 0)).toBe(b.length);
    expect(b.length).toBe(16 + 16 + 8);
    expect(u16(b, 4)).toBe(16);
    expect(u16(b, 6)).toBe(0x5); // REQUEST | ACK
    expect(u32(b, 8)).toBe(7);
    expect(new DataView(b.buffer).getInt32(20, true)).toBe(42);
    expect(u32(b, 24)).toBe(1);
    expect(u32(b, 28)).toBe(1);
    expect([u16(b, 32), u16(b, 34), u32(b, 36)]).toEqual([8, 4, 1400]);
    // MTU only: IFF_UP neither set nor in the change mask.
    const m = encodeSetLink(1, 42, { mtu: 9000 });
    expect([u32(m, 24), u32(m, 28)]).toEqual([0, 0]);
  });
  it('RTM_NEWADDR carries ifaddrmsg and IFA_LOCAL + IFA_ADDRESS, create-exclusive', () => {
    const b = encodeNewAddr(9, 5, new Uint8Array([10, 0, 0, 1]), 24);
    expect(u16(b, 4)).toBe(20);
    expect(u16(b, 6)).toBe(0x1 | 0x4 | 0x400 | 0x200);
    expect([b[16], b[17], u32(b, 20)]).toEqual([2, 24, 5]);
    expect([u16(b, 24), u16(b, 26)]).toEqual([8, 2]);
    expect(Array.from(b.subarray(28, 32))).toEqual([10, 0, 0, 1]);
    expect([u16(b, 32), u16(b, 34)]).toEqual([8, 1]);
    const v6 = encodeNewAddr(9, 5, new Uint8Array(16).fill(1), 64);
    expect([v6[16], v6[17], v6.length]).toEqual([10, 64, 16 + 8 + 20 + 20]);
  });
  it('dump requests use NLM_F_DUMP with an empty body', () => {
    expect(u16(encodeDump(1, RTM_GETLINK), 6)).toBe(0x301);
    expect(encodeDump(1, RTM_GETADDR).length).toBe(24);
  });
});

/** Builds one netlink message: header, body, attrs (type, bytes). */
function msg(type: number, seq: number, body: number[], attrs: [number, Uint8Array][]): number[] {
  const out: number[] = [];
  const push16 = (v: number) => out.push(v & 0xff, v >> 8);
  const push32 = (v: number) => out.push(v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff);
  const attrBytes: number[] = [];
  for (const [t, d] of attrs) {
    const len = 4 + d.length;
    attrBytes.push(len & 0xff, len >> 8, t & 0xff, t >> 8, ...d);
    while (attrBytes.length % 4) attrBytes.push(0);
  }
  push32(16 + body.length + attrBytes.length);
  push16(type);
  push16(2);
  push32(seq);
  push32(0);
  out.push(...body, ...attrBytes);
  return out;
}

describe('rtnetlink dump decoding', () => {
  it('decodes a link with name, MAC, MTU, operstate, kind and 64-bit counters, then an address, then DONE', () => {
    const stats = new Uint8Array(200);
    new DataView(stats.buffer).setBigUint64(16, 5000n, true);
    new DataView(stats.buffer).setBigUint64(24, 7000n, true);
    const linkinfo = new Uint8Array([8, 0, 1, 0, ...new TextEncoder().encode('tun\0')]);
    const ifinfo = [0, 0, 1, 0, 5, 0, 0, 0, 0x43, 0x10, 0, 0, 0, 0, 0, 0];
    const link = msg(16, 3, ifinfo, [
      [3, new TextEncoder().encode('tap0\0')],
      [1, new Uint8Array([2, 0, 0, 0, 0, 1])],
      [4, new Uint8Array([0x78, 0x05, 0, 0])],
      [16, new Uint8Array([6])],
      [18 | 0x8000, linkinfo],
      [23, stats],
    ]);
    const addr = msg(20, 3, [10, 64, 0, 0, 5, 0, 0, 0], [[1, new Uint8Array([0xfd, 0, ...new Array(13).fill(0), 1])]]);
    const done = msg(3, 3, [0, 0, 0, 0], []);
    const stale = msg(16, 99, ifinfo, [[3, new TextEncoder().encode('old\0')]]);
    const buf = new Uint8Array([...stale, ...link, ...addr, ...done]);
    const links: LinkRecord[] = [];
    const addrs: AddressRecord[] = [];
    expect(decodeRtDump(buf, buf.length, 3, links, addrs)).toEqual({ kind: 'done' });
    expect(links).toEqual([
      {
        index: 5,
        name: 'tap0',
        linkType: 1,
        flags: 0x1043,
        mac: '02:00:00:00:00:01',
        mtu: 1400,
        operState: 'up',
        infoKind: 'tun',
        rxBytes: 5000,
        txBytes: 7000,
      },
    ]);
    expect(addrs).toEqual([{ index: 5, family: 6, address: 'fd00::1', prefix: 64 }]);
  });
  it('prefers IFA_LOCAL over IFA_ADDRESS (point-to-point peers) and reports errors and bad lengths', () => {
    const addr = msg(
      20,
      1,
      [2, 32, 0, 0, 2, 0, 0, 0],
      [
        [1, new Uint8Array([10, 0, 0, 2])],
        [2, new Uint8Array([10, 0, 0, 1])],
      ],
    );
    const addrs: AddressRecord[] = [];
    expect(decodeRtDump(new Uint8Array(addr), addr.length, 1, [], addrs)).toEqual({ kind: 'more' });
    expect(addrs[0].address).toBe('10.0.0.1');
    const err = msg(2, 1, [0xff, 0xff, 0xff, 0xff], []);
    expect(decodeRtDump(new Uint8Array(err), err.length, 1, [], [])).toEqual({ kind: 'error', errno: 1 });
    const bad = new Uint8Array(20);
    bad[0] = 200;
    expect(decodeRtDump(bad, 20, 1, [], []).kind).toBe('malformed');
  });
});
