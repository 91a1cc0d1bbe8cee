// Lenient inputs refused: every door checks the same bounds, from the model's constants and the contract's schemas.
import { describe, expect, it } from 'vitest';
import { AppError } from '../model/errors';
import { MAX_SAMPLE_TICKS } from '../model/history';
import { MAX_WATCHED_PORTS } from '../model/alerts';
import { MAX_REFRESH_MS, MIN_REFRESH_MS } from '../model/settings';
import { parseCount, parseInterval } from './duration';
import { parsePid, parsePort, parseStates } from './socket-query';
import { parseThresholdDuration, parseThresholdNumber, parseWatchPorts } from './watch-input';

/** The keyed AppError `f` throws. */
function thrown(f: () => unknown): AppError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected INVALID_INPUT');
}

describe('state lists', () => {
  it('refuses an empty name between commas, naming what is allowed', () => {
    for (const bad of ['LISTEN,,', ',LISTEN', 'LISTEN, ,ESTAB']) {
      const e = thrown(() => parseStates(bad));
      expect(e).toMatchObject({ code: 'INVALID_INPUT', key: 'limits.stateEmpty' });
      expect(e.message).toContain('LISTEN, SYN_SENT');
    }
    expect([...parseStates('LISTEN,ESTAB')]).toEqual(['LISTEN', 'ESTABLISHED']);
  });
});

describe('ports and pids', () => {
  it('refuses a port with spaces around it, as a number a user did not type', () => {
    expect(thrown(() => parsePort(' 80')).key).toBe('input.portNotNumber');
    expect(thrown(() => parsePort('80 ')).key).toBe('input.portNotNumber');
    expect(parsePort('80')).toBe(80);
  });

  it('bounds pids as the contract does (2^31 - 1, what kill(2) takes)', () => {
    expect(parsePid(String(2 ** 31 - 1))).toBe(2 ** 31 - 1);
    expect(thrown(() => parsePid(String(2 ** 31))).key).toBe('input.pidInvalid');
  });
});

describe('sampling intervals and tick counts', () => {
  it('accepts the refresh range of the app and refuses what lies outside it', () => {
    expect(parseInterval(`${MIN_REFRESH_MS}ms`, 'interval')).toBe(MIN_REFRESH_MS);
    expect(parseInterval(`${MAX_REFRESH_MS / 1000}s`, 'interval')).toBe(MAX_REFRESH_MS);
    for (const bad of ['1ms', '249ms', '11s', '1h']) {
      const e = thrown(() => parseInterval(bad, 'interval'));
      expect(e).toMatchObject({ key: 'limits.interval', params: { field: 'interval', min: '250ms', max: '10s' } });
      expect(e.message).toBe(`Invalid interval "${bad}": give a time from 250ms to 10s.`);
    }
    expect(thrown(() => parseInterval('soon', 'interval')).key).toBe('input.duration');
  });

  it('bounds tick counts from both sides when a maximum is given', () => {
    expect(parseCount(String(MAX_SAMPLE_TICKS), 'ticks', 2, MAX_SAMPLE_TICKS)).toBe(MAX_SAMPLE_TICKS);
    const e = thrown(() => parseCount('1000000000', 'ticks', 2, MAX_SAMPLE_TICKS));
    expect(e).toMatchObject({ key: 'limits.countRange', params: { min: 2, max: MAX_SAMPLE_TICKS } });
    expect(thrown(() => parseCount('1', 'ticks', 2, MAX_SAMPLE_TICKS)).key).toBe('limits.countRange');
  });
});

describe('watch', () => {
  it('caps the ports at what the app stores, after removing duplicates', () => {
    const many = Array.from({ length: 99 }, (_, i) => String(i + 1));
    const e = thrown(() => parseWatchPorts(many));
    expect(e).toMatchObject({ key: 'input.watchTooMany', params: { max: MAX_WATCHED_PORTS } });
    const sixtyFour = Array.from({ length: MAX_WATCHED_PORTS }, (_, i) => String(i + 1));
    expect(parseWatchPorts([...sixtyFour, '1', '2'])).toHaveLength(MAX_WATCHED_PORTS);
    expect(parseWatchPorts(['443', '80', '443'])).toEqual([80, 443]);
  });

  it('bounds thresholds by the alert schema the app validates settings with', () => {
    expect(parseThresholdDuration('2m', 'close-wait-age', 'closeWaitAgeMs')).toBe(120_000);
    const age = thrown(() => parseThresholdDuration('1ms', 'close-wait-age', 'closeWaitAgeMs'));
    expect(age).toMatchObject({ key: 'limits.durationRange', params: { min: '1s', max: '1d' } });
    const count = thrown(() => parseThresholdNumber('20000000', 'time-wait', 'timeWaitCount'));
    expect(count).toMatchObject({ key: 'limits.countRange', params: { min: 1, max: 10_000_000 } });
    expect(parseThresholdNumber('500', 'rate', 'newConnectionsPerSec')).toBe(500);
  });
});
