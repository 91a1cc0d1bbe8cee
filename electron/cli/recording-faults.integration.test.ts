// The CLI's answers to recordings it cannot use: a TIME outside the range names the range, a bad TIME or window is
// bad input, a file that is not a recording, of a newer schema, damaged, or locked by a running recorder each
// get one line and their exit code, and nothing in the file's folder changes.
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'libsql';
import { afterAll, describe, expect, it } from 'vitest';
import { formatLocalTime } from '../../shared/logic/time-parse';
import { openTimelineWriter } from '../core/timeline/timeline-writer';
import { SyntheticTicks } from '../core/timeline/test-support/synthetic-ticks';
import { fingerprint, removeTempDirs, tempDir } from '../core/timeline/test-support/temp-files';
import { CLI, runCli } from '../test-support/net-fixtures';
import { recordingInfo, startRecorder, stopRecorders, waitForTick } from '../test-support/recorder-process';

afterAll(() => {
  stopRecorders();
  removeTempDirs();
});

/** A closed recording of 30 synthetic seconds, alone in its folder; its first and last tick. */
function recording(): { dir: string; file: string; from: number; to: number } {
  const dir = tempDir();
  const file = path.join(dir, 'rec.db');
  const source = path.join(tempDir(), 'rec.db');
  const w = openTimelineWriter(source, { host: 'far-away-host' });
  const g = new SyntheticTicks({ steady: 50, churnPerSecond: 5 });
  let from = 0;
  let to = 0;
  for (let i = 0; i < 30; i++) {
    const t = g.next();
    w.writeTick(t);
    from ||= t.takenAt;
    to = t.takenAt;
  }
  w.close();
  copyFileSync(source, file);
  return { dir, file, from, to };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Runs the CLI and checks that it failed with `code`, one line on stderr, and the folder unchanged. */
async function refused(dir: string, args: string[], code: number): Promise<string> {
  const before = fingerprint(dir);
  const r = await runCli(args);
  expect(r.code, r.stderr).toBe(code);
  expect(r.stdout).toBe('');
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(fingerprint(dir)).toEqual(before);
  return r.stderr;
}

describe('reading a recording with the CLI', () => {
  it('says which range exists for a TIME outside it, and refuses bad TIMEs and windows', async () => {
    const { dir, file, from, to } = recording();
    const range = `covers ${formatLocalTime(from)} to ${formatLocalTime(to)}`;
    expect(await refused(dir, ['list', '--at', iso(from - 3_600_000), '--db', file], 2)).toContain(range);
    expect(
      await refused(dir, ['stats', '--since', iso(to + 60_000), '--until', iso(to + 120_000), '--db', file], 2),
    ).toContain(range);
    expect(await refused(dir, ['list', '--at', 'yesterday', '--db', file], 2)).toContain('Invalid at "yesterday"');
    expect(await refused(dir, ['closed', '--since', iso(to), '--until', iso(from), '--db', file], 2)).toContain(
      'is after --until',
    );
    expect(await refused(dir, ['report', '--since', iso(from), '--db', file], 2)).toContain(
      '--since needs --until too',
    );
    // --db names a file, not a time: every reader says which times it needs (before, `report --db` sampled live).
    const noTime = '--db names the recording to read, not when: add';
    expect(await refused(dir, ['list', '--db', file], 2)).toContain(`${noTime} --at TIME.`);
    for (const command of ['stats', 'closed'])
      expect(await refused(dir, [command, '--db', file], 2)).toContain(`${noTime} --since TIME --until TIME.`);
    expect(await refused(dir, ['report', '--db', file], 2)).toContain(`${noTime} --at TIME for a table, or`);
    // Inside the range every reader answers, from the copied host's recording.
    const ok = await runCli(['list', '--at', iso(from + 10_000), '--db', file, '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ host: 'far-away-host', takenAt: from + 10_000 });
    const stats = await runCli(['stats', '--since', iso(from), '--until', iso(to), '--db', file, '--json']);
    expect(stats.code, stats.stderr).toBe(0);
    expect(JSON.parse(stats.stdout).series.points.length).toBeGreaterThan(10);
    const closed = await runCli(['closed', '--since', iso(from), '--until', iso(to), '--db', file, '--json']);
    expect(closed.code, closed.stderr).toBe(0);
    expect(JSON.parse(closed.stdout)).toMatchObject({ schema: 'netinspect.closed/1', host: 'far-away-host' });
    const report = await runCli(['report', '--format', 'json', '--since', iso(from), '--until', iso(to), '--db', file]);
    expect(report.code, report.stderr).toBe(0);
    expect(JSON.parse(report.stdout)).toMatchObject({
      host: { hostname: 'far-away-host' },
      window: { name: 'recorded' },
      snapshot: { takenAt: new Date(to).toISOString() },
    });
  });

  it('refuses what is not a recording, a newer schema and a damaged file, changing nothing', async () => {
    const dir = tempDir();
    const text = path.join(dir, 'notes.db');
    writeFileSync(text, 'PID USER COMMAND\n'.repeat(100));
    expect(await refused(dir, ['list', '--at', '-1m', '--db', text], 2)).toContain('is not a netinspect recording');
    expect(await refused(dir, ['record', '--db', text], 2)).toContain('is not a netinspect recording');

    const other = path.join(dir, 'other.db');
    const db = new Database(other);
    db.exec('CREATE TABLE t (a); INSERT INTO t VALUES (1)');
    db.close();
    expect(await refused(dir, ['record', '--info', '--db', other], 2)).toContain('but not a netinspect recording');

    const newer = recording();
    const n = new Database(newer.file);
    n.exec('PRAGMA user_version = 9');
    n.close();
    const msg = await refused(newer.dir, ['list', '--at', iso(newer.to), '--db', newer.file], 1);
    expect(msg).toContain('written by a newer netinspect (recording format 9; this version reads up to 1)');
    expect(await refused(newer.dir, ['record', '--db', newer.file], 1)).toContain('newer netinspect');

    const damaged = recording();
    const bytes = readFileSync(damaged.file);
    bytes.fill(0x5a, 4096 * 3, bytes.length - 4096 * 2);
    writeFileSync(damaged.file, bytes);
    expect(await refused(damaged.dir, ['list', '--at', iso(damaged.to), '--db', damaged.file], 2)).toContain(
      'is damaged',
    );
  });

  it('refuses a second recorder on a file being recorded, naming the first, which goes on recording', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'live.db');
    const first = startRecorder(file, ['--interval', '500ms']);
    const info = await waitForTick(file, first.startedAt);
    const second = await runCli(['record', '--db', file]);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`is being recorded by another recorder (pid ${first.child.pid} on `);
    expect(second.stderr.trim().split('\n')).toHaveLength(1);
    // The first recorder was not disturbed: its recording grows on.
    await waitForTick(file, (info.range?.to ?? 0) + 1);
    expect((await recordingInfo(file))?.writer).toMatchObject({ pid: first.child.pid, clean: false });
    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);
  }, 90_000);

  it('names a SQLite binding that cannot load, with what to do, instead of an unwritable file', async () => {
    // An install without libsql: the built CLI beside a node_modules that holds koffi only (a real broken install).
    const root = path.join(CLI, '..', '..');
    const install = tempDir();
    mkdirSync(path.join(install, 'out'));
    cpSync(path.join(root, 'bin'), path.join(install, 'bin'), { recursive: true });
    cpSync(path.join(root, 'out', 'node'), path.join(install, 'out', 'node'), { recursive: true });
    mkdirSync(path.join(install, 'node_modules', '@koromix'), { recursive: true });
    symlinkSync(path.join(root, 'node_modules', 'koffi'), path.join(install, 'node_modules', 'koffi'));
    for (const pkg of ['koffi-linux-x64', 'koffi-linux-arm64'])
      if (existsSync(path.join(root, 'node_modules', '@koromix', pkg)))
        symlinkSync(
          path.join(root, 'node_modules', '@koromix', pkg),
          path.join(install, 'node_modules', '@koromix', pkg),
        );
    const run = (args: string[]) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [path.join(install, 'bin', 'netinspect.cjs'), ...args], {
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('close', (code) => resolve({ code, stderr }));
      });
    // A command that opens no recording does not need it.
    expect((await run(['list', '--cold', '--port', '1'])).code).toBe(0);
    const dir = tempDir();
    const { file } = recording();
    for (const args of [
      ['record', '--db', path.join(dir, 'new.db')],
      ['list', '--at', '-1m', '--db', file],
    ]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(
          /^netinspect: Recordings need the SQLite binding \(libsql\), which could not be loaded \(Cannot find module 'libsql'/,
        ),
      ]);
      expect(r.stderr).toContain('Reinstall netinspect’s dependencies (npm install)');
    }
    // Nothing was created where the recorder was pointed.
    expect(existsSync(path.join(dir, 'new.db'))).toBe(false);
  }, 60_000);
});
