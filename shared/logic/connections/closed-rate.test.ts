import { describe, expect, it } from 'vitest';
import { closedPerSecond } from './closed-rate';
import { CLOSED_RATE_SECONDS, ConnectionLog } from './connection-log';

describe('closedPerSecond', () => {
  it('counts closes per second up to the time given, as the live log does, ignoring what is outside', () => {
    const until = 1_000_500;
    const entries = [until - 100, until - 200, until - 1_000, until - CLOSED_RATE_SECONDS * 1000 - 5, until + 3_000];
    const rate = closedPerSecond(
      entries.map((closedAt) => ({ closedAt })),
      until,
    );
    expect(rate).toHaveLength(CLOSED_RATE_SECONDS);
    expect(rate.at(-1)).toEqual({ at: 1_000_000, count: 2 });
    expect(rate.at(-2)).toEqual({ at: 999_000, count: 1 });
    expect(rate.reduce((n, p) => n + p.count, 0)).toBe(3);
    // The same seconds as the live log's chart.
    expect(rate.map((p) => p.at)).toEqual(new ConnectionLog().rate(until).map((p) => p.at));
  });
});
