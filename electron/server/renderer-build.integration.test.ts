// The renderer this suite serves and drives is the one users get: React's production build. Vite takes NODE_ENV
// from the environment, and this suite's global setup builds from a process whose NODE_ENV vitest set to "test".
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../test-support/net-fixtures';

/** A line only React DOM's development build prints (its DevTools hint). */
const DEVELOPMENT_ONLY = 'for a better development experience';

describe('the built renderer', () => {
  it("is React's production build, though the build ran under NODE_ENV=test", () => {
    expect(process.env.NODE_ENV).toBe('test');
    const dir = path.join(ROOT, 'out', 'renderer', 'assets');
    const scripts = fs.readdirSync(dir).filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    const development = scripts.filter((f) => fs.readFileSync(path.join(dir, f), 'utf8').includes(DEVELOPMENT_ONLY));
    expect(development).toEqual([]);
  });
});
