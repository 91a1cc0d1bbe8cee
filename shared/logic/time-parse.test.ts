// TIME as users type it: ISO 8601 with and without a zone, a clock time today, relative times, and bad input.
import { describe, expect, it } from 'vitest';
import { AppError } from '../model/errors';
import { formatLocalTime, parseTime } from './time-parse';

// A fixed "now": 2026-12-01 09:30:00 local time, wherever the tests run.
const NOW = new Date(2026, 11, 1, 9, 30, 0).getTime();

function keyOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof AppError ? `${e.code} ${e.key}` : String(e);
  }
  return undefined;
}

describe('parseTime', () => {
  it('reads ISO 8601 with Z or an offset as that instant, whatever the local zone', () => {
    expect(parseTime('2026-12-01T03:02:17Z', NOW)).toBe(Date.UTC(2026, 11, 1, 3, 2, 17));
    expect(parseTime('2026-12-01T11:02:17+08:00', NOW)).toBe(Date.UTC(2026, 11, 1, 3, 2, 17));
    expect(parseTime('2026-11-30T22:02:17-0500', NOW)).toBe(Date.UTC(2026, 11, 1, 3, 2, 17));
    expect(parseTime('2026-12-01T03:02:17.250Z', NOW)).toBe(Date.UTC(2026, 11, 1, 3, 2, 17, 250));
    expect(parseTime('2026-12-01 03:02Z', NOW)).toBe(Date.UTC(2026, 11, 1, 3, 2, 0));
  });

  it('reads ISO 8601 without a zone, and a bare date, as local time', () => {
    expect(parseTime('2026-12-01T03:02:17', NOW)).toBe(new Date(2026, 11, 1, 3, 2, 17).getTime());
    expect(parseTime('2026-12-01', NOW)).toBe(new Date(2026, 11, 1).getTime());
  });

  it('reads HH:MM[:SS] as that local time today', () => {
    expect(parseTime('03:02', NOW)).toBe(new Date(2026, 11, 1, 3, 2, 0).getTime());
    expect(parseTime('3:02:17', NOW)).toBe(new Date(2026, 11, 1, 3, 2, 17).getTime());
    expect(parseTime('23:59:59', NOW)).toBe(new Date(2026, 11, 1, 23, 59, 59).getTime());
  });

  it('reads -10m, -90s, -2h, -1d and now relative to now', () => {
    expect(parseTime('-10m', NOW)).toBe(NOW - 600_000);
    expect(parseTime('-90s', NOW)).toBe(NOW - 90_000);
    expect(parseTime('- 2h', NOW)).toBe(NOW - 7_200_000);
    expect(parseTime('-1d', NOW)).toBe(NOW - 86_400_000);
    expect(parseTime('now', NOW)).toBe(NOW);
  });

  it('refuses anything else with one actionable message naming the value', () => {
    for (const bad of [
      '',
      'yesterday',
      '25:00',
      '12:60',
      '2026-02-30',
      '2026-13-01T00:00',
      '+10m',
      '-10x',
      '-0m',
      '2026-12-01T03:02+25:00',
    ]) {
      expect(
        keyOf(() => parseTime(bad, NOW)),
        bad,
      ).toBe('INVALID_INPUT timeline.input.time');
    }
    try {
      parseTime('soon', NOW, '--at');
    } catch (e) {
      expect((e as Error).message).toBe(
        'Invalid --at "soon": give an ISO 8601 time (2026-12-01T03:02:17, add Z or +08:00 for another zone), a time today (03:02 or 03:02:17) or one relative to now (-10m, -2h, -1d).',
      );
    }
  });
});

describe('formatLocalTime', () => {
  it('prints local time that parseTime reads back to the same second', () => {
    const t = new Date(2026, 0, 5, 7, 8, 9).getTime();
    expect(formatLocalTime(t)).toBe('2026-01-05 07:08:09');
    expect(parseTime(formatLocalTime(t), NOW)).toBe(t);
  });
});
