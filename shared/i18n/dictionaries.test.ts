// The dictionaries stay in step: same keys, same placeholders, and a message for every error code.
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../model/errors';
import { en } from './en';
import { zhCN } from './zh-CN';
import { resolveLanguage } from './index';

function flatten(obj: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v as object, key)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  const a = flatten(en);
  const b = flatten(zhCN);

  it('have exactly the same keys', () => {
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
  });

  it('use the same placeholders for each key', () => {
    for (const [key, text] of a) expect(placeholders(b.get(key) ?? ''), key).toEqual(placeholders(text));
  });

  it('have no empty strings', () => {
    for (const [key, text] of [...a, ...b]) expect(text.trim(), key).not.toBe('');
  });

  it('translate every error code', () => {
    for (const code of ERROR_CODES) {
      expect(a.has(`errors.${code}`), code).toBe(true);
      expect(b.has(`errors.${code}`), code).toBe(true);
    }
    expect(Object.keys(en.errors).sort()).toEqual([...ERROR_CODES].sort());
  });

  it('actually translate the column headers', () => {
    expect(zhCN.columns.state).not.toBe(en.columns.state);
  });
});

describe('resolveLanguage', () => {
  it('keeps an explicit choice', () => {
    expect(resolveLanguage('en', 'zh-CN')).toBe('en');
    expect(resolveLanguage('zh-CN', 'en-US')).toBe('zh-CN');
  });
  it('follows the locale for system', () => {
    expect(resolveLanguage('system', 'zh-Hans-CN')).toBe('zh-CN');
    expect(resolveLanguage('system', 'de-DE')).toBe('en');
  });
});
