// Ring-buffer pages and inet_sock_set_state records built byte by byte from the tracefs header_page, header_event
// and format files (Linux 6.18, x86-64), including the record types a reader has to step over.
import { describe, expect, it } from 'vitest';
import {
  decodeRingPage,
  decodeSetState,
  parseEventFormat,
  setStateLayout,
  type SetStateLayout,
} from './trace-ring-decode';

/** The format file as this kernel prints it (events/sock/inet_sock_set_state/format). */
const FORMAT = `name: inet_sock_set_state
ID: 2287
format:
\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;
\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;
\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;
\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;

\tfield:const void * skaddr;\toffset:8;\tsize:8;\tsigned:0;
\tfield:int oldstate;\toffset:16;\tsize:4;\tsigned:1;
\tfield:int newstate;\toffset:20;\tsize:4;\tsigned:1;
\tfield:__u16 sport;\toffset:24;\tsize:2;\tsigned:0;
\tfield:__u16 dport;\toffset:26;\tsize:2;\tsigned:0;
\tfield:__u16 family;\toffset:28;\tsize:2;\tsigned:0;
\tfield:__u16 protocol;\toffset:30;\tsize:2;\tsigned:0;
\tfield:__u8 saddr[4];\toffset:32;\tsize:4;\tsigned:0;
\tfield:__u8 daddr[4];\toffset:36;\tsize:4;\tsigned:0;
\tfield:__u8 saddr_v6[16];\toffset:40;\tsize:16;\tsigned:0;
\tfield:__u8 daddr_v6[16];\toffset:56;\tsize:16;\tsigned:0;

print fmt: "family=%s ..."
`;

const layout = (): SetStateLayout => {
  const f = parseEventFormat(FORMAT);
  const l = f && setStateLayout(f);
  if (!l) throw new Error('layout');
  return l;
};

interface Rec {
  pid?: number;
  sk?: bigint;
  oldstate: number;
  newstate: number;
  sport?: number;
  dport?: number;
  family?: number;
  protocol?: number;
  id?: number;
}

/** The 72-byte payload of one record, at the offsets of FORMAT. */
function payload(r: Rec): Uint8Array {
  const b = new Uint8Array(72);
  const v = new DataView(b.buffer);
  v.setUint16(0, r.id ?? 2287, true);
  v.setInt32(4, r.pid ?? 4242, true);
  v.setBigUint64(8, r.sk ?? 0xffff8881976eca00n, true);
  v.setInt32(16, r.oldstate, true);
  v.setInt32(20, r.newstate, true);
  v.setUint16(24, r.sport ?? 45101, true);
  v.setUint16(26, r.dport ?? 8080, true);
  v.setUint16(28, r.family ?? 2, true);
  v.setUint16(30, r.protocol ?? 6, true);
  b.set([127, 0, 0, 1], 32);
  b.set([10, 0, 0, 2], 36);
  b.set([0xfe, 0x80, ...new Array<number>(13).fill(0), 1], 40);
  b.set([...new Array<number>(15).fill(0), 1], 56);
  return b;
}

/** A page writer: header (timestamp, commit) then records with their 4-byte headers. */
class Page {
  private readonly words: number[] = [];
  constructor(private readonly ts: bigint) {}
  private u32(v: number): this {
    this.words.push(v >>> 0);
    return this;
  }
  private raw(b: Uint8Array): this {
    const v = new DataView(b.buffer, b.byteOffset, b.length);
    for (let i = 0; i < b.length; i += 4) this.words.push(v.getUint32(i, true));
    return this;
  }
  /** A record with type_len = length / 4 (lengths up to 112 bytes). */
  small(delta: number, data: Uint8Array): this {
    return this.u32((delta << 5) | (data.length / 4)).raw(data);
  }
  /** A record with type_len 0: its length (+4) in the next word. */
  big(delta: number, data: Uint8Array): this {
    return this.u32(delta << 5)
      .u32(data.length + 4)
      .raw(data);
  }
  extend(delta: number, high: number): this {
    return this.u32((delta << 5) | 30).u32(high);
  }
  /** A discarded record: padding whose delta still counts; `bytes` follow the header, its length word included. */
  discarded(delta: number, bytes: number): this {
    this.u32((delta << 5) | 29).u32(bytes);
    for (let i = 4; i < bytes; i += 4) this.words.push(0xdeadbeef);
    return this;
  }
  bytes(missed = false, size = 4096): Uint8Array {
    const b = new Uint8Array(size);
    const v = new DataView(b.buffer);
    v.setBigUint64(0, this.ts, true);
    v.setUint32(8, this.words.length * 4 + (missed ? 0x80000000 : 0), true);
    this.words.forEach((w, i) => v.setUint32(16 + 4 * i, w, true));
    return b;
  }
}

describe('parseEventFormat / setStateLayout', () => {
  it('reads the id and every field offset, array fields by their name', () => {
    const f = parseEventFormat(FORMAT);
    expect(f?.id).toBe(2287);
    expect(f?.fields.get('skaddr')).toEqual({ offset: 8, size: 8, signed: false });
    expect(f?.fields.get('saddr_v6')).toEqual({ offset: 40, size: 16, signed: false });
    expect(f?.fields.get('common_pid')).toEqual({ offset: 4, size: 4, signed: true });
  });

  it('refuses a format without the fields it needs', () => {
    const f = parseEventFormat(FORMAT.replace(/\tfield:__u8 daddr_v6.*\n/, ''));
    expect(f && setStateLayout(f)).toBeNull();
    expect(parseEventFormat('no id here')).toBeNull();
  });
});

describe('decodeRingPage + decodeSetState', () => {
  it('decodes records with their timestamps: page base plus each delta, through extends and discards', () => {
    const page = new Page(1_000_000_000n)
      .small(0, payload({ oldstate: 7, newstate: 2, sport: 0 }))
      .small(500, payload({ oldstate: 2, newstate: 1 }))
      .extend(3, 2) // + 2 << 27 + 3 ns
      .discarded(7, 72)
      .big(11, payload({ oldstate: 1, newstate: 4 }))
      .bytes();
    const { records, missedBefore, corrupt } = decodeRingPage(page);
    expect({ missedBefore, corrupt }).toEqual({ missedBefore: false, corrupt: false });
    expect(records.map((r) => r.ts)).toEqual([1e9, 1e9 + 500, 1e9 + 500 + 3 + 2 * 2 ** 27 + 7 + 11]);
    const decoded = records.map((r) => decodeSetState(page, r, layout()));
    expect(decoded.map((d) => [d?.oldstate, d?.newstate, d?.sport])).toEqual([
      [7, 2, 0],
      [2, 1, 45101],
      [1, 4, 45101],
    ]);
    expect(decoded[0]).toEqual({
      pid: 4242,
      skaddr: 'ffff8881976eca00',
      oldstate: 7,
      newstate: 2,
      sport: 0,
      dport: 8080,
      family: 2,
      protocol: 6,
      saddr: '127.0.0.1',
      daddr: '10.0.0.2',
    });
  });

  it('takes IPv6 addresses from the v6 fields', () => {
    const page = new Page(5n).small(0, payload({ oldstate: 1, newstate: 8, family: 10 })).bytes();
    const [r] = decodeRingPage(page).records;
    expect(decodeSetState(page, r, layout())).toMatchObject({ family: 10, saddr: 'fe80::1', daddr: '::1' });
  });

  it('stops at the committed size and the null padding after it, and flags missed events', () => {
    const page = new Page(1n).small(0, payload({ oldstate: 7, newstate: 10 })).bytes(true);
    // Garbage beyond the commit must be ignored.
    page.fill(0xff, 16 + 76);
    expect(decodeRingPage(page)).toMatchObject({ missedBefore: true, corrupt: false });
    expect(decodeRingPage(page).records).toHaveLength(1);
  });

  it('skips records of another event and of an unknown family', () => {
    const page = new Page(1n)
      .small(0, payload({ oldstate: 1, newstate: 4, id: 99 }))
      .small(0, payload({ oldstate: 1, newstate: 4, family: 1 }))
      .bytes();
    const recs = decodeRingPage(page).records;
    expect(recs).toHaveLength(2);
    expect(recs.map((r) => decodeSetState(page, r, layout()))).toEqual([null, null]);
  });

  it('never reads past the page: commits and lengths beyond it are corrupt, not exceptions', () => {
    const good = new Page(1n)
      .small(0, payload({ oldstate: 1, newstate: 4 }))
      .big(0, payload({ oldstate: 4, newstate: 5 }))
      .bytes(false, 512);
    const long = good.slice();
    new DataView(long.buffer).setUint32(8, 9999, true);
    expect(decodeRingPage(long).corrupt).toBe(true);
    expect(decodeRingPage(new Uint8Array(8)).corrupt).toBe(true);
    let seed = 3;
    for (let round = 0; round < 2000; round++) {
      const c = good.slice();
      for (let k = 0; k < 4; k++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        c[16 + (seed % 180)] = seed >>> 8;
      }
      expect(() => {
        for (const r of decodeRingPage(c).records) decodeSetState(c, r, layout());
      }).not.toThrow();
    }
  });
});
