// The owner-PID table decoders against byte layouts built from tcpmib.h / udpmib.h, including hostile input.
import { describe, expect, it } from 'vitest';
import { decodeTcp4Table, decodeTcp6Table, decodeUdp4Table, decodeUdp6Table, type TableDecode } from './table-decode';

/** A table buffer: DWORD count, then `rows` rows of `size` bytes filled by `fill`. */
function table(size: number, rows: number, fill: (dv: DataView, off: number, i: number) => void): Uint8Array {
  const buf = new Uint8Array(4 + size * rows);
  const dv = new DataView(buf.buffer);
  dv.setUint32(0, rows, true);
  for (let i = 0; i < rows; i++) fill(dv, 4 + i * size, i);
  return buf;
}

/** A port DWORD as Windows stores it: network order in the low 16 bits, `junk` in the upper 16. */
function setPort(dv: DataView, off: number, port: number, junk = 0): void {
  dv.setUint8(off, port >> 8);
  dv.setUint8(off + 1, port & 0xff);
  dv.setUint16(off + 2, junk, true);
}

function setV4(dv: DataView, off: number, a: readonly number[]): void {
  a.forEach((b, i) => dv.setUint8(off + i, b));
}

function rowsOf(d: TableDecode) {
  if (!d.ok) throw new Error(d.message);
  return d.rows;
}

describe('decodeTcp4Table', () => {
  const buf = table(24, 3, (dv, off, i) => {
    dv.setUint32(off, [5, 2, 11][i], true);
    setV4(dv, off + 4, [127, 0, 0, 1]);
    setPort(dv, off + 8, 8080 + i, 0xbeef);
    setV4(dv, off + 12, [10, 1, 2, 3]);
    setPort(dv, off + 16, 50123, 0xdead);
    dv.setUint32(off + 20, 4242 + i, true);
  });

  it('decodes every field and ignores garbage in the upper bits of ports', () => {
    expect(rowsOf(decodeTcp4Table(buf))[0]).toEqual({
      proto: 'tcp',
      family: 4,
      state: 'ESTABLISHED',
      localAddress: '127.0.0.1',
      localPort: 8080,
      remoteAddress: '10.1.2.3',
      remotePort: 50123,
      pid: 4242,
    });
  });

  it('zeroes the meaningless remote endpoint of a listener', () => {
    const r = rowsOf(decodeTcp4Table(buf))[1];
    expect(r).toMatchObject({ state: 'LISTEN', remoteAddress: '0.0.0.0', remotePort: 0, localPort: 8081 });
  });

  it('maps TIME_WAIT', () => {
    expect(rowsOf(decodeTcp4Table(buf))[2].state).toBe('TIME_WAIT');
  });

  it('skips rows whose state number is unknown', () => {
    const odd = table(24, 2, (dv, off, i) => dv.setUint32(off, i === 0 ? 0 : 13, true));
    expect(rowsOf(decodeTcp4Table(odd))).toEqual([]);
  });

  it('reports truncation instead of reading past the buffer', () => {
    for (const cut of [0, 3, 4 + 24 * 3 - 1]) {
      const d = decodeTcp4Table(buf.subarray(0, cut));
      expect(d.ok).toBe(false);
    }
    const lying = buf.slice();
    new DataView(lying.buffer).setUint32(0, 0xffffffff, true);
    expect(decodeTcp4Table(lying)).toMatchObject({ ok: false });
  });

  it('decodes an empty table', () => {
    expect(rowsOf(decodeTcp4Table(new Uint8Array(4)))).toEqual([]);
  });

  it('decodes a table that starts at an offset inside a larger buffer', () => {
    const outer = new Uint8Array(buf.length + 7);
    outer.set(buf, 7);
    expect(rowsOf(decodeTcp4Table(outer.subarray(7)))).toEqual(rowsOf(decodeTcp4Table(buf)));
  });
});

describe('decodeTcp6Table', () => {
  const loop6 = [...new Array<number>(15).fill(0), 1];
  const buf = table(56, 2, (dv, off, i) => {
    loop6.forEach((b, j) => dv.setUint8(off + j, b));
    dv.setUint32(off + 16, 0, true);
    setPort(dv, off + 20, 443, 0xffff);
    [0x20, 0x01, 0x0d, 0xb8, ...new Array<number>(11).fill(0), 7].forEach((b, j) => dv.setUint8(off + 24 + j, b));
    setPort(dv, off + 44, 61000, 0x1234);
    dv.setUint32(off + 48, i === 0 ? 8 : 2, true);
    dv.setUint32(off + 52, 99, true);
  });

  it('reads state at 48 and pid at 52, with RFC 5952 addresses', () => {
    expect(rowsOf(decodeTcp6Table(buf))[0]).toEqual({
      proto: 'tcp',
      family: 6,
      state: 'CLOSE_WAIT',
      localAddress: '::1',
      localPort: 443,
      remoteAddress: '2001:db8::7',
      remotePort: 61000,
      pid: 99,
    });
  });

  it('gives a listener the unspecified remote endpoint', () => {
    expect(rowsOf(decodeTcp6Table(buf))[1]).toMatchObject({ state: 'LISTEN', remoteAddress: '::', remotePort: 0 });
  });

  it('reports truncation', () => {
    expect(decodeTcp6Table(buf.subarray(0, 4 + 56 + 55)).ok).toBe(false);
  });
});

describe('decodeUdp4Table / decodeUdp6Table', () => {
  const layouts = [
    {
      rows: '12-byte IPv4 rows as unconnected sockets',
      decode: decodeUdp4Table,
      buf: table(12, 1, (dv, off) => {
        setV4(dv, off, [0, 0, 0, 0]);
        setPort(dv, off + 4, 53, 0xabcd);
        dv.setUint32(off + 8, 1234, true);
      }),
      row: { family: 4, localAddress: '0.0.0.0', localPort: 53, remoteAddress: '0.0.0.0', pid: 1234 },
    },
    {
      rows: '28-byte IPv6 rows (port at 20, pid at 24)',
      decode: decodeUdp6Table,
      buf: table(28, 1, (dv, off) => {
        [0xfe, 0x80, ...new Array<number>(13).fill(0), 5].forEach((b, j) => dv.setUint8(off + j, b));
        dv.setUint32(off + 16, 3, true);
        setPort(dv, off + 20, 5353, 0x7777);
        dv.setUint32(off + 24, 77, true);
      }),
      row: { family: 6, localAddress: 'fe80::5', localPort: 5353, remoteAddress: '::', pid: 77 },
    },
  ];
  it.each(layouts)('decodes $rows', ({ decode, buf, row }) => {
    expect(rowsOf(decode(buf))).toEqual([{ proto: 'udp', state: 'UNCONN', remotePort: 0, ...row }]);
  });

  it('reports truncated UDP tables', () => {
    expect(decodeUdp4Table(table(12, 2, () => {}).subarray(0, 20)).ok).toBe(false);
    expect(decodeUdp6Table(table(28, 1, () => {}).subarray(0, 31)).ok).toBe(false);
  });
});
