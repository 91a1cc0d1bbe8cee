// rtnetlink records with impossible values (a /176 prefix, a 17-byte name) are typed decode errors, never rows.
import { describe, expect, it } from 'vitest';
import { decodeRtDump, type AddressRecord, type LinkRecord, type RtDecodeError } from './rtnetlink-decode';

/** One netlink message: header (type, seq), body, then attributes (type, bytes), 4-byte aligned. */
function msg(type: number, seq: number, body: number[], attrs: [number, Uint8Array][]): number[] {
  const attrBytes: number[] = [];
  for (const [t, d] of attrs) {
    const len = 4 + d.length;
    attrBytes.push(len & 0xff, len >> 8, t & 0xff, t >> 8, ...d);
    while (attrBytes.length % 4) attrBytes.push(0);
  }
  const total = 16 + body.length + attrBytes.length;
  return [total & 0xff, total >> 8, 0, 0, type, 0, 2, 0, seq, 0, 0, 0, 0, 0, 0, 0, ...body, ...attrBytes];
}

const text = (s: string) => new TextEncoder().encode(`${s}\0`);
/** ifinfomsg: family, pad, type (ARPHRD_ETHER), index, flags, change. */
const ifinfo = (index: number) => [0, 0, 1, 0, index & 0xff, index >> 8, 0, 0, 0x43, 0x10, 0, 0, 0, 0, 0, 0];
const link = (index: number, name: string) => msg(16, 1, ifinfo(index), [[3, text(name)]]);
/** ifaddrmsg: family, prefix, flags, scope, index; then IFA_ADDRESS. */
const addr6 = (index: number, prefix: number) =>
  msg(20, 1, [10, prefix, 0, 0, index, 0, 0, 0], [[1, new Uint8Array([0xfd, ...new Array(14).fill(0), 1])]]);
const addr4 = (index: number, prefix: number) =>
  msg(20, 1, [2, prefix, 0, 0, index, 0, 0, 0], [[1, new Uint8Array([10, 0, 0, 1])]]);

function decode(parts: number[][]) {
  const buf = new Uint8Array(parts.flat());
  const links: LinkRecord[] = [];
  const addresses: AddressRecord[] = [];
  const errors: RtDecodeError[] = [];
  const status = decodeRtDump(buf, buf.length, 1, links, addresses, errors);
  return { status, links, addresses, errors };
}

describe('rtnetlink decode bounds', () => {
  it('keeps valid records', () => {
    const r = decode([link(5, 'tap0'), addr6(5, 64), addr4(5, 24)]);
    expect(r.links.map((l) => l.name)).toEqual(['tap0']);
    expect(r.addresses.map((a) => a.prefix)).toEqual([64, 24]);
    expect(r.errors).toEqual([]);
  });

  it('refuses an IPv6 prefix of 176 and an IPv4 prefix of 33', () => {
    const r = decode([addr6(5, 176), addr4(5, 33), addr6(5, 128)]);
    expect(r.addresses.map((a) => a.prefix)).toEqual([128]);
    expect(r.errors.map((e) => [e.record, e.field, e.value])).toEqual([
      ['address', 'prefix', '176'],
      ['address', 'prefix', '33'],
    ]);
    expect(r.status).toEqual({ kind: 'more' });
  });

  it('refuses a name over 15 bytes, an empty one, one with a slash, and interface index 0', () => {
    const r = decode([link(5, 'a-very-long-name1'), link(6, ''), link(7, 'a/b'), link(0, 'eth0'), link(8, 'eth1')]);
    expect(r.links.map((l) => l.name)).toEqual(['eth1']);
    expect(r.errors.map((e) => e.field)).toEqual(['name', 'name', 'name', 'index']);
    expect(r.errors[0]).toMatchObject({ record: 'link', field: 'name', value: 'a-very-long-name1' });
  });

  it('refuses a byte counter beyond what a number holds exactly', () => {
    const stats = new Uint8Array(200);
    new DataView(stats.buffer).setBigUint64(16, 2n ** 60n, true);
    const r = decode([
      msg(16, 1, ifinfo(9), [
        [3, text('big0')],
        [23, stats],
      ]),
    ]);
    expect(r.links).toEqual([]);
    expect(r.errors).toMatchObject([{ record: 'link', field: 'rxBytes' }]);
  });
});
