// Address text: dotted IPv4 and RFC 5952 IPv6, checked against the RFC's own examples and Node's formatter.
import { describe, expect, it } from 'vitest';
import { formatAddress, formatIPv4, formatIPv6 } from './address';

/** Parses full (uncompressed) IPv6 text like "2001:db8:0:0:0:0:0:1" into 16 bytes. */
function v6(full: string): Uint8Array {
  const words = full.split(':');
  expect(words).toHaveLength(8);
  const out = new Uint8Array(16);
  words.forEach((w, i) => {
    const n = parseInt(w, 16);
    out[2 * i] = n >> 8;
    out[2 * i + 1] = n & 0xff;
  });
  return out;
}

/** The runtime's WHATWG URL (shared/ compiles without DOM or node types, so it is typed here by hand). */
const WhatwgUrl = (globalThis as unknown as { URL: new (href: string) => { hostname: string } }).URL;

describe('formatIPv4', () => {
  it('formats dotted quads, at an offset', () => {
    expect(formatIPv4(new Uint8Array([127, 0, 0, 1]))).toBe('127.0.0.1');
    expect(formatIPv4(new Uint8Array([9, 9, 0, 0, 0, 255, 255, 255]), 4)).toBe('0.255.255.255');
    expect(formatIPv4(new Uint8Array([0, 0, 0, 0]))).toBe('0.0.0.0');
  });
});

describe('formatIPv6', () => {
  const cases: ReadonlyArray<readonly [string, string]> = [
    ['0:0:0:0:0:0:0:0', '::'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['fe80:0:0:0:0:0:0:1', 'fe80::1'],
    ['0:0:0:0:0:ffff:7f00:1', '::ffff:127.0.0.1'],
    ['0:0:0:0:0:ffff:c0a8:102', '::ffff:192.168.1.2'],
    // RFC 5952 4.2.2: a single zero group is not shortened.
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    // RFC 5952 4.2.3: the longest run wins; on a tie, the first.
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    // RFC 5952 4.3: lower case, no leading zeros.
    ['2001:0db8:00AB:0000:0000:0000:0000:0001', '2001:db8:ab::1'],
    ['1:0:0:0:0:0:0:0', '1::'],
    ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
    // Not IPv4-mapped (the ffff is not in word 5 after five zero words): plain hex.
    ['0:0:0:0:ffff:0:7f00:1', '::ffff:0:7f00:1'],
  ];
  it.each(cases)('%s -> %s', (full, text) => {
    expect(formatIPv6(v6(full))).toBe(text);
  });

  it('reads at an offset', () => {
    const buf = new Uint8Array(20);
    buf.set(v6('fe80:0:0:0:0:0:0:1'), 4);
    expect(formatIPv6(buf, 4)).toBe('fe80::1');
  });

  it('agrees with URL host normalization (WHATWG, RFC 5952 compression) on random addresses', () => {
    let seed = 12345;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    for (let n = 0; n < 500; n++) {
      const bytes = new Uint8Array(16);
      // Many zero words so that runs and ties are exercised.
      for (let i = 0; i < 8; i++) {
        if (rnd() % 2 === 0) continue;
        bytes[2 * i] = rnd() & 0xff;
        bytes[2 * i + 1] = rnd() & 0xff;
      }
      const isMapped = bytes.subarray(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
      if (isMapped) continue;
      const full = Array.from({ length: 8 }, (_, i) => ((bytes[2 * i] << 8) | bytes[2 * i + 1]).toString(16)).join(':');
      const expected = new WhatwgUrl(`http://[${full}]/`).hostname.slice(1, -1);
      expect(formatIPv6(bytes)).toBe(expected);
    }
  });
});

describe('formatAddress', () => {
  it('dispatches on family', () => {
    expect(formatAddress(4, new Uint8Array([10, 0, 0, 1]))).toBe('10.0.0.1');
    expect(formatAddress(6, v6('0:0:0:0:0:0:0:1'))).toBe('::1');
  });
});
