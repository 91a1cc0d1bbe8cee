// Per-user settings persisted as JSON; a damaged or foreign file never stops the app (bad fields fall back).
import fs from 'node:fs';
import path from 'node:path';
import { settingsSchema } from '../../shared/model/settings';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/model/settings';

/** Reads and writes settings.json in one directory, or keeps settings in memory only (a directory of null). */
export class SettingsStore {
  private current: Settings;
  readonly file: string | null;

  /** `overrides` apply on top of what was loaded and are never written unless a later set() writes them. */
  constructor(dir: string | null, overrides: Partial<Settings> = {}) {
    this.file = dir === null ? null : path.join(dir, 'settings.json');
    this.current = settingsSchema.parse({
      ...(this.file ? SettingsStore.load(this.file) : DEFAULT_SETTINGS),
      ...overrides,
    });
  }

  get(): Settings {
    return this.current;
  }

  /** Merges a validated partial update and writes it atomically (temp file + rename). */
  set(update: Partial<Settings>): Settings {
    const next = settingsSchema.parse({ ...this.current, ...update });
    if (this.file === null) return (this.current = next);
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(tmp, this.file);
    this.current = next;
    return next;
  }

  private static load(file: string): Settings {
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      return DEFAULT_SETTINGS;
    }
    if (typeof parsed !== 'object' || parsed === null) return DEFAULT_SETTINGS;
    // Keep each valid field, so one bad value does not reset the others.
    const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const [k, v] of Object.entries(parsed)) {
      // `constructor`, `__proto__` and friends are not settings, whatever the prototype chain says.
      if (!Object.hasOwn(settingsSchema.shape, k)) continue;
      const field = settingsSchema.shape[k as keyof Settings];
      if (field?.safeParse(v).success) merged[k] = v;
    }
    return settingsSchema.parse(merged);
  }
}
