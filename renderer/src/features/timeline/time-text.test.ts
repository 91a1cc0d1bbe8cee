// Times on the bar: the clock for today, the date added for any other day.
import { describe, expect, it } from 'vitest';
import { formatClock } from './time-text';

describe('formatClock', () => {
  const now = new Date(2026, 11, 1, 9, 30, 0).getTime();
  it('shows only the clock for a time today', () => {
    expect(formatClock(new Date(2026, 11, 1, 3, 2, 17).getTime(), now)).toBe('03:02:17');
  });
  it('adds the date for another day', () => {
    expect(formatClock(new Date(2026, 10, 30, 23, 59, 5).getTime(), now)).toBe('2026-11-30 23:59:05');
  });
});
