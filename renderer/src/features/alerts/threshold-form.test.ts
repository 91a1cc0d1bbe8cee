// The thresholds form accepts what the schema accepts and names what is wrong otherwise.
import { describe, expect, it } from 'vitest';
import { alertThresholdsSchema, DEFAULT_THRESHOLDS } from '../../../../shared/model/alerts';
import { draftOf, fieldError, parseDraft, portError } from './threshold-form';

describe('threshold form', () => {
  it('round-trips the defaults, which the schema accepts', () => {
    const parsed = parseDraft(draftOf(DEFAULT_THRESHOLDS));
    expect(parsed).toEqual(DEFAULT_THRESHOLDS);
    expect(alertThresholdsSchema.safeParse(parsed).success).toBe(true);
  });

  it('names each kind of error', () => {
    expect(fieldError('closeWaitCount', 'abc')?.key).toBe('alertUi.notNumber');
    expect(fieldError('closeWaitCount', '')?.key).toBe('alertUi.notNumber');
    expect(fieldError('closeWaitCount', '2.5')?.key).toBe('alertUi.notWhole');
    expect(fieldError('ephemeralUsagePct', '101')).toEqual({
      key: 'alertUi.outOfRange',
      params: { min: 1, max: 100 },
    });
    expect(fieldError('ephemeralUsagePct', '12.5')).toBeNull();
    expect(parseDraft({ ...draftOf(DEFAULT_THRESHOLDS), closeWaitAgeS: '0' })).toBeNull();
  });

  it('stores the age in ms', () => {
    expect(parseDraft({ ...draftOf(DEFAULT_THRESHOLDS), closeWaitAgeS: '90' })?.closeWaitAgeMs).toBe(90_000);
  });

  it('checks a port to watch', () => {
    expect(portError('80a', [])?.key).toBe('input.portNotNumber');
    expect(portError('70000', [])?.key).toBe('input.portOutOfRange');
    expect(portError('8080', [8080])?.key).toBe('alertUi.duplicate');
    expect(portError(' 8080 ', [])).toBeNull();
  });
});
