// Durations, windows, counts and percentages as CLI flags give them.
import { describe, expect, it } from 'vitest';
import { AppError } from '../model/errors';
import { parseCount, parseDuration, parsePercent, parseWindow } from './duration';

describe('parseDuration', () => {
  it('reads ms, s, m, h, d and bare seconds', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('60s')).toBe(60_000);
    expect(parseDuration('10m')).toBe(600_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration('1d')).toBe(86_400_000);
    expect(parseDuration('30')).toBe(30_000);
  });

  it('refuses garbage, zero and more than 30 days with a keyed INVALID_INPUT', () => {
    for (const bad of ['', 'abc', '10x', '0s', '-5s', '31d']) {
      try {
        parseDuration(bad, 'close-wait-age');
        expect.unreachable(bad);
      } catch (e) {
        expect(e).toBeInstanceOf(AppError);
        expect((e as AppError).code).toBe('INVALID_INPUT');
        expect((e as AppError).key).toBe('input.duration');
        expect((e as AppError).message).toContain('close-wait-age');
      }
    }
  });
});

describe('parseWindow', () => {
  it('maps equivalent spellings to a window and refuses others', () => {
    expect(parseWindow('60s')).toBe('60s');
    expect(parseWindow('1m')).toBe('60s');
    expect(parseWindow('10m')).toBe('10m');
    expect(parseWindow('1d')).toBe('24h');
    expect(() => parseWindow('5m')).toThrow(/use one of 60s, 10m, 1h, 24h/);
  });
});

describe('parseCount / parsePercent', () => {
  it('accept valid numbers and refuse the rest', () => {
    expect(parseCount('100', 'time-wait')).toBe(100);
    expect(() => parseCount('0', 'time-wait')).toThrow(AppError);
    expect(() => parseCount('1e3', 'time-wait')).toThrow(AppError);
    expect(parsePercent('80%', 'ephemeral')).toBe(80);
    expect(() => parsePercent('150', 'ephemeral')).toThrow(AppError);
  });
});
