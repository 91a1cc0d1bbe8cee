// The filter syntax checked strictly (reports, the window's filter bar): unknown keys and values are named errors.
import { describe, expect, it } from 'vitest';
import { AppError } from '../model/errors';
import { MAX_FILTER_CHARS } from '../model/report';
import { assertFilter, checkFilter } from './filter-check';
import { compileFilter } from './filter';
import { translate } from '../i18n/translate';

describe('checkFilter', () => {
  it('accepts every documented form', () => {
    for (const ok of [
      '',
      ':8080 state:close-wait pid:12 proto:UDP process:Node foo',
      '!state:listen port:0 proto:tcp6 state:ESTAB',
      '127.0.0.1:8080 ::1 [::1]:443 fe80::1 dead:beef::1 10.0.0',
      'x'.repeat(MAX_FILTER_CHARS),
    ]) {
      expect(checkFilter(ok), ok).toBeNull();
    }
  });

  it.each([
    ['state:bogus', 'filterCheck.state'],
    ['state:', 'filterCheck.emptyValue'],
    ['pid:abc', 'filterCheck.pid'],
    ['pid:0', 'filterCheck.pid'],
    [':99999', 'filterCheck.port'],
    ['port:http', 'filterCheck.port'],
    ['proto:sctp', 'filterCheck.proto'],
    ['colour:red', 'filterCheck.unknownKey'],
    ['!Stat:listen', 'filterCheck.unknownKey'],
  ])('refuses %j with %s', (text, key) => {
    expect(checkFilter(text)?.key).toBe(key);
  });

  it('refuses a filter longer than the contract allows, in the same characters', () => {
    expect(checkFilter('x'.repeat(MAX_FILTER_CHARS + 1))).toMatchObject({
      key: 'filterCheck.tooLong',
      params: { max: MAX_FILTER_CHARS, length: MAX_FILTER_CHARS + 1 },
    });
  });

  it('says what is allowed, in both languages', () => {
    const p = checkFilter(':8080 state:bogus');
    expect(p).not.toBeNull();
    if (!p) return;
    expect(translate('en', p.key, p.params)).toMatch(/Unknown state "bogus" in the filter term "state:bogus": use one/);
    expect(translate('zh-CN', p.key, p.params)).toContain('state:bogus');
  });

  it('throws the keyed INVALID_INPUT from assertFilter', () => {
    let caught: unknown;
    try {
      assertFilter('state:bogus');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect(caught).toMatchObject({ code: 'INVALID_INPUT', key: 'filterCheck.state' });
  });

  it('matches state aliases it accepts (state:estab is ESTABLISHED)', () => {
    const est = { state: 'ESTABLISHED', proto: 'tcp', family: 4 } as Parameters<ReturnType<typeof compileFilter>>[0];
    expect(compileFilter('state:estab')(est)).toBe(true);
  });
});
