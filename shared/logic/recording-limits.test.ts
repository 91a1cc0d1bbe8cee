// Size caps and retentions as the record command and settings take them, and what they refuse.
import { describe, expect, it } from 'vitest';
import { parseByteSize, parseRetention } from './recording-limits';

describe('parseByteSize', () => {
  it('reads binary and decimal units', () => {
    expect(parseByteSize('1GiB')).toBe(1024 ** 3);
    expect(parseByteSize('1g')).toBe(1024 ** 3);
    expect(parseByteSize('512 MiB')).toBe(512 * 1024 ** 2);
    expect(parseByteSize('2GB')).toBe(2e9);
    expect(parseByteSize('0.5TiB')).toBe(0.5 * 1024 ** 4);
  });

  it('refuses a bare number, an unknown unit, and sizes outside the bounds, naming the flag', () => {
    for (const bad of ['1024', '1 parsec', '1MiB', '2TiB', '', '-1GiB']) {
      expect(() => parseByteSize(bad, 'max-size'), bad).toThrow(/max-size/);
    }
  });
});

describe('parseRetention', () => {
  it('reads hours, days and weeks', () => {
    expect(parseRetention('7d')).toBe(7 * 86_400_000);
    expect(parseRetention('12h')).toBe(12 * 3_600_000);
    expect(parseRetention('2w')).toBe(14 * 86_400_000);
  });

  it('refuses less than an hour, more than a year, and other units', () => {
    for (const bad of ['30m', '0h', '400d', '7', '1y']) expect(() => parseRetention(bad), bad).toThrow(/retention/);
  });
});
