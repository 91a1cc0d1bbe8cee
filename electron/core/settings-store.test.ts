import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/model/settings';
import { SettingsStore } from './settings-store';

const dirs: string[] = [];
const tmp = (): string => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'netinspect-settings-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('SettingsStore', () => {
  it('starts from defaults and persists changes across instances', () => {
    const dir = tmp();
    expect(new SettingsStore(dir).get()).toEqual(DEFAULT_SETTINGS);
    new SettingsStore(dir).set({ refreshIntervalMs: 500, language: 'zh-CN' });
    expect(new SettingsStore(dir).get()).toMatchObject({ refreshIntervalMs: 500, language: 'zh-CN', theme: 'system' });
    expect(fs.statSync(path.join(dir, 'settings.json')).mode & 0o777).toBe(0o600);
  });

  it('refuses an out-of-range interval and keeps the stored value', () => {
    const dir = tmp();
    const store = new SettingsStore(dir);
    store.set({ refreshIntervalMs: 2000 });
    expect(() => store.set({ refreshIntervalMs: 10 })).toThrow();
    expect(new SettingsStore(dir).get().refreshIntervalMs).toBe(2000);
  });

  it('survives a damaged file, keeping each valid field', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'settings.json'), '{"refreshIntervalMs": 99999, "theme": "dark"}');
    expect(new SettingsStore(dir).get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
    fs.writeFileSync(path.join(dir, 'settings.json'), 'not json');
    expect(new SettingsStore(dir).get()).toEqual(DEFAULT_SETTINGS);
  });
});

describe('SettingsStore with hostile keys', () => {
  it('ignores keys that only exist on the prototype chain instead of failing to start', () => {
    const dir = tmp();
    fs.writeFileSync(
      path.join(dir, 'settings.json'),
      '{"constructor": 1, "toString": 2, "__proto__": {"refreshIntervalMs": 5}, "theme": "light"}',
    );
    expect(new SettingsStore(dir).get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'light' });
  });
});
