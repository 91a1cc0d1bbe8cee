// Files that are not (readable) recordings, the writer lock, copied recordings and migrations: each refusal has
// its own message, and nothing on disk changes (every byte of the folder is fingerprinted before and after).
import { copyFileSync, existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'libsql';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/model/errors';
import { MIGRATIONS, migrate, openForWriting } from './recording-db';
import { openTimelineReader } from './timeline-reader';
import { openTimelineWriter } from './timeline-writer';
import { SyntheticTicks } from './test-support/synthetic-ticks';
import { fingerprint, removeTempDirs, tempDir } from './test-support/temp-files';

afterEach(removeTempDirs);

/**
 * A closed recording, copied alone into a folder of its own (as a user copies it off a machine): the writer's
 * folder may keep an empty -wal and a -shm until its connection is garbage-collected (libsql closes lazily).
 */
function recording(ticks = 30): { dir: string; file: string; last: number } {
  const source = path.join(tempDir(), 'rec.db');
  const w = openTimelineWriter(source, { host: 'far-away-host' });
  const g = new SyntheticTicks({ steady: 200, churnPerSecond: 50 });
  let last = 0;
  for (let i = 0; i < ticks; i++) {
    const t = g.next();
    w.writeTick(t);
    last = t.takenAt;
  }
  w.close();
  const dir = tempDir();
  const file = path.join(dir, 'rec.db');
  copyFileSync(source, file);
  return { dir, file, last };
}

function refusal(f: () => unknown): { code: string; key: string | undefined; message: string } {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, key: e.key, message: e.message };
    throw e;
  }
  throw new Error('expected a refusal');
}

/** Every way of opening a file, each expected to be refused with `key`, leaving the folder as it was. */
function expectRefusedEverywhere(dir: string, file: string, key: string) {
  const before = fingerprint(dir);
  const opens = [
    () => openTimelineWriter(file),
    () => openTimelineReader(file),
    () => openTimelineReader(file, { copied: true }),
  ];
  for (const open of opens) {
    const r = refusal(() => {
      const x = open();
      // A reader may open a damaged file and find the damage when it reads.
      if ('tableAt' in x) x.tableAt(x.range()?.from ?? 0);
      return x;
    });
    expect(r.key).toBe(key);
    expect(r.message).toContain(file);
    expect(fingerprint(dir)).toEqual(before);
  }
}

describe('opening what is not a readable recording', () => {
  it('a file that is not SQLite', () => {
    const dir = tempDir();
    const file = path.join(dir, 'notes.db');
    writeFileSync(file, 'PID USER COMMAND\n'.repeat(100));
    expectRefusedEverywhere(dir, file, 'timeline.error.notSqlite');
  });

  it('another application’s SQLite database', () => {
    const dir = tempDir();
    const file = path.join(dir, 'other.db');
    const db = new Database(file);
    db.exec('CREATE TABLE t (a); INSERT INTO t VALUES (1)');
    db.close();
    expectRefusedEverywhere(dir, file, 'timeline.error.foreign');
  });

  it('a recording of a newer schema', () => {
    const { dir, file } = recording(3);
    const db = new Database(file);
    db.exec('PRAGMA user_version = 7');
    db.close();
    expect(readdirSync(dir)).toEqual(['rec.db']);
    expectRefusedEverywhere(dir, file, 'timeline.error.newerSchema');
    expect(refusal(() => openTimelineReader(file)).code).toBe('NOT_SUPPORTED');
    expect(refusal(() => openTimelineReader(file)).message).toContain('format 7; this version reads up to 1');
  });

  it('a truncated recording', () => {
    const { dir, file } = recording();
    truncateSync(file, Math.floor(readFileSync(file).length / 2));
    expectRefusedEverywhere(dir, file, 'timeline.error.corrupt');
  });

  it('a recording with damaged pages, found when reading (or up front with verify)', () => {
    const { dir, file } = recording(60);
    const bytes = readFileSync(file);
    bytes.fill(0x5a, 4096 * 3, bytes.length - 4096 * 2);
    writeFileSync(file, bytes);
    const before = fingerprint(dir);
    const reader = openTimelineReader(file);
    const r = refusal(() => reader.tableAt(reader.range()?.to ?? 0));
    reader.close();
    expect(r.key).toBe('timeline.error.corrupt');
    expect(refusal(() => openTimelineReader(file, { copied: true })).key).toBe('timeline.error.corrupt');
    expect(refusal(() => openTimelineWriter(file, { verify: true })).key).toBe('timeline.error.corrupt');
    expect(fingerprint(dir)).toEqual(before);
  });

  it('a path that does not exist, for reading', () => {
    const dir = tempDir();
    expect(refusal(() => openTimelineReader(path.join(dir, 'none.db'))).key).toBe('timeline.error.missing');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a folder that cannot be written, for recording', () => {
    const r = refusal(() => openTimelineWriter(path.join(tempDir(), 'missing-folder', 'rec.db')));
    expect(r).toMatchObject({ code: 'EPERM', key: 'timeline.error.unwritable' });
  });
});

describe('one recorder per file', () => {
  it('refuses a second writer with who holds the file, and lets one in once the first closed', () => {
    const dir = tempDir();
    const file = path.join(dir, 'rec.db');
    const first = openTimelineWriter(file, { host: 'host-a' });
    first.writeTick(new SyntheticTicks({ steady: 5, churnPerSecond: 0 }).next());
    const r = refusal(() => openTimelineWriter(file, { host: 'host-b' }));
    expect(r.code).toBe('REFUSED');
    expect(r.key).toBe('timeline.error.locked');
    expect(r.message).toContain(`pid ${process.pid} on host-a since 20`);
    // Readers are never refused, while it records.
    const reader = openTimelineReader(file);
    expect(reader.range()).not.toBeNull();
    reader.close();
    first.close();
    const second = openTimelineWriter(file, { host: 'host-b' });
    expect(second.recoveredFrom).toBeNull();
    second.close();
  });
});

describe('a recording copied from another machine', () => {
  it('opens read-only with its host, and nothing appears beside it', () => {
    const { dir, file, last } = recording();
    const before = fingerprint(dir);
    const r = openTimelineReader(file, { copied: true });
    expect(r.info()).toMatchObject({ host: 'far-away-host', openedAs: 'immutable' });
    expect(r.tableAt(last).tickAt).toBe(last);
    r.close();
    expect(fingerprint(dir)).toEqual(before);
  });

  it('copied while being written (with its -wal): read through a private copy, the original untouched', () => {
    const src = tempDir();
    const file = path.join(src, 'live.db');
    const w = openTimelineWriter(file, { host: 'busy-host' });
    const g = new SyntheticTicks({ steady: 50, churnPerSecond: 10 });
    let last = 0;
    for (let i = 0; i < 10; i++) {
      const t = g.next();
      w.writeTick(t);
      last = t.takenAt;
    }
    // What a user copies off a machine mid-recording: the database and its log, as they are right now.
    const dir = tempDir();
    const copy = path.join(dir, 'copy.db');
    copyFileSync(file, copy);
    copyFileSync(`${file}-wal`, `${copy}-wal`);
    w.close();
    const before = fingerprint(dir);
    const r = openTimelineReader(copy, { copied: true });
    expect(r.info()).toMatchObject({ host: 'busy-host', openedAs: 'private-copy' });
    expect(r.range()?.to).toBe(last);
    r.close();
    expect(fingerprint(dir)).toEqual(before);
    expect(
      readdirSync(os.tmpdir()).some(
        (n) => n.startsWith('netinspect-recording-') && existsSync(path.join(os.tmpdir(), n, 'recording.db')),
      ),
    ).toBe(false);
  });
});

describe('schema migrations', () => {
  it('bring an older recording up one version per step and record the version', () => {
    const file = path.join(tempDir(), 'rec.db');
    const db = openForWriting(file);
    migrate(db, file);
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('note', 'v1 data');
    const v2 = { version: 2, up: (d: typeof db) => d.exec("ALTER TABLE ticks ADD COLUMN extra TEXT DEFAULT 'x'") };
    migrate(db, file, [...MIGRATIONS, v2]);
    expect((db.prepare('PRAGMA user_version').raw().get() as number[])[0]).toBe(2);
    expect((db.prepare("SELECT value FROM meta WHERE key = 'note'").raw().get() as string[])[0]).toBe('v1 data');
    // A failing step leaves the file at the last good version.
    const bad = { version: 3, up: (d: typeof db) => d.exec('CREATE TABLE ticks (x)') };
    expect(() => migrate(db, file, [...MIGRATIONS, v2, bad])).toThrow(/already exists/);
    expect((db.prepare('PRAGMA user_version').raw().get() as number[])[0]).toBe(2);
    // And this build refuses the newer file instead of guessing.
    expect(() => migrate(db, file)).toThrow(/newer netinspect/);
    db.close();
  });
});
