// `report -o FILE` checks its output before sampling: a file that cannot take the report is bad input (exit 2).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../test-support/net-fixtures';
import { canRunAsNobody, NOBODY } from '../test-support/nobody';

/**
 * Sampling this long would outlast the test by far: a run that exits 2 at once proves the output was checked
 * before the first tick, with no clock in the assertion (a regression is killed and fails on its exit code).
 */
const SLOW = ['--window', '60s', '--ticks', '3', '--interval', '10s'];

let dir = '';
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netinspect-report-out-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function refused(output: string, wrap?: readonly string[]): Promise<string> {
  const r = await runCli(['report', ...SLOW, '-o', output], { wrap, killAfterMs: 15_000 });
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.split('\n').filter(Boolean);
  expect(lines).toHaveLength(1);
  return lines[0];
}

describe.runIf(process.platform === 'linux')('report -o', () => {
  it('refuses /dev/full before sampling: the device takes no byte (ENOSPC)', async () => {
    expect(await refused('/dev/full')).toBe(
      'netinspect: Cannot write the report to "/dev/full": ENOSPC. Choose a writable file.',
    );
  });

  it('refuses a directory and a missing parent before sampling', async () => {
    expect(await refused(dir)).toMatch(/: EISDIR\. Choose a writable file\.$/);
    expect(await refused(path.join(dir, 'missing', 'r.txt'))).toMatch(/: ENOENT\. Choose a writable file\.$/);
  });

  it('refuses a file in a read-only directory (as nobody) and leaves nothing behind', async (ctx) => {
    if (!canRunAsNobody()) {
      ctx.skip(true, 'needs root and setpriv(1) to run the CLI as nobody');
      return;
    }
    const locked = path.join(dir, 'locked');
    fs.mkdirSync(locked, { mode: 0o755 });
    fs.chmodSync(dir, 0o755);
    expect(await refused(path.join(locked, 'r.txt'), NOBODY)).toMatch(/: EACCES\. Choose a writable file\.$/);
    expect(fs.readdirSync(locked)).toEqual([]);
  });

  it('keeps an existing file intact when the run fails, and replaces it when the report is written', async () => {
    const file = path.join(dir, 'kept.txt');
    fs.writeFileSync(file, 'previous report\n'.repeat(100));
    const bad = await runCli(['report', '--format', 'text', '--window', '5m', '-o', file]);
    expect(bad.code).toBe(2);
    expect(fs.readFileSync(file, 'utf8')).toBe('previous report\n'.repeat(100));
    const good = await runCli(['report', '--format', 'text', '-o', file]);
    expect(good.code).toBe(0);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain('previous report');
    expect(text).toMatch(/^Network report: /);
  });
});
