import { describe, expect, it } from 'vitest';
import { keyedError } from '../logic/input-error';
import { parsePortRange } from '../logic/socket-query';
import { AppError } from '../model/errors';
import { interpolate, languageFromEnv, lookup, translate } from './translate';

describe('translate', () => {
  it('interpolates named placeholders and leaves unknown ones', () => {
    expect(interpolate('port {{p}} of {{q}}', { p: 80 })).toBe('port 80 of {{q}}');
  });

  it('looks up dotted keys in each language and falls back to English, then to the given text', () => {
    expect(lookup('zh-CN', 'input.protoUnknown')).toContain('未知协议');
    expect(lookup('en', 'input.nope')).toBeUndefined();
    expect(translate('zh-CN', 'input.protoUnknown', { value: 'sctp' })).toBe('未知协议 "sctp"：请使用 tcp 或 udp。');
    expect(translate('zh-CN', 'input.nope', {}, 'raw text')).toBe('raw text');
  });

  it('translates alert message keys with hyphens, as desktop notifications do', () => {
    expect(translate('en', 'alerts.port-down', { port: 8080 })).toBe('Nothing listens on watched port 8080 any more.');
    expect(translate('zh-CN', 'alerts.port-down', { port: 8080 })).toContain('8080');
    expect(translate('zh-CN', 'alerts.raisedTitle')).toBe('netinspect 警报');
  });

  it('picks the language from POSIX locale variables in their order of precedence', () => {
    expect(languageFromEnv({ LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(languageFromEnv({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(languageFromEnv({})).toBe('en');
  });

  it('gives keyed errors an English message and a key the UI can translate', () => {
    const e = keyedError('input.rangeReversed', { first: 90, last: 10 });
    expect(e.message).toBe('Invalid port range 90-10: the first port must not exceed the last (10-90?).');
    expect(e.toData()).toMatchObject({ code: 'INVALID_INPUT', key: 'input.rangeReversed' });
    try {
      parsePortRange('90-10');
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      const { key, params } = err as AppError;
      expect(translate('zh-CN', key ?? '', params)).toBe(
        '端口范围 90-10 无效：起始端口不能大于结束端口（是否想写 10-90？）。',
      );
    }
    expect.assertions(4);
  });
});
