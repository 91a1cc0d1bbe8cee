// Parsing of fd links and getdents64 records, from strings and from raw bytes.
import { describe, expect, it } from 'vitest';
import { numericDirents, socketInodeFromBytes, socketInodeFromLink } from './proc-fd-source';
import { concat, LE } from './sockdiag-test-bytes';

const LINKS: ReadonlyArray<readonly [string, number]> = [
  ['socket:[12345]', 12345],
  ['socket:[4294967295]', 4294967295],
  ['pipe:[12345]', 0],
  ['/dev/null', 0],
  ['socket:[]', 0],
  ['socket:[12a]', 0],
  ['socket:[123', 0],
  ['socket:', 0],
  ['anon_inode:[eventpoll]', 0],
];

describe('socketInodeFromLink / socketInodeFromBytes', () => {
  it('parses socket links and rejects everything else', () => {
    for (const [link, inode] of LINKS) expect(socketInodeFromLink(link), link).toBe(inode);
  });

  it('gives the same answers from bytes in a larger reused buffer, reading only `len` of them', () => {
    const buf = new Uint8Array(64).fill(0x5d); // leftovers of a longer link: ']'
    for (const [link, inode] of LINKS) {
      const bytes = new TextEncoder().encode(link);
      buf.set(bytes);
      expect(socketInodeFromBytes(buf, bytes.length), link).toBe(inode);
    }
  });
});

/** getdents64 records (host order), each padded to 8 bytes as the kernel does. */
function dirents(names: readonly string[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const name of names) {
    const bytes = new TextEncoder().encode(name);
    const reclen = (19 + bytes.length + 1 + 7) & ~7;
    const rec = new Uint8Array(reclen);
    new DataView(rec.buffer).setUint16(16, reclen, LE);
    rec[18] = 10;
    rec.set(bytes, 19);
    parts.push(rec);
  }
  return concat(...parts);
}

describe('numericDirents', () => {
  it('keeps decimal names as numbers and skips ., .., self and partly numeric names', () => {
    const buf = dirents(['.', '..', '0', '3', '1024', 'self', '12a', '4194304', 'thread-self']);
    const out: number[] = [];
    expect(numericDirents(buf, buf.length, out)).toBe(true);
    expect(out).toEqual([0, 3, 1024, 4194304]);
  });

  it('rejects records whose length is impossible instead of looping or reading past the end', () => {
    const buf = dirents(['3', '4']);
    const broken = buf.slice();
    new DataView(broken.buffer).setUint16(16, 0, true);
    expect(numericDirents(broken, broken.length, [])).toBe(false);
    expect(numericDirents(buf, buf.length - 3, [])).toBe(false);
  });
});
