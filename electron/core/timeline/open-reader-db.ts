// How a reader opens a recording: live beside its recorder, or copied from elsewhere without touching the file.
import { copyFileSync, constants, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkHeader } from './file-check';
import { openImmutable, openLive, verifyIdentity, type Db } from './recording-db';
import { openSqlite } from './libsql';
import { corruptFile, emptyRecording, isCorruption } from './timeline-errors';

/** True when a reader opened as immutable should reopen live: a recorder has started on the file since. */
export function recorderAppeared(file: string, r: ReaderDb, copied: boolean): boolean {
  return !copied && r.mode === 'immutable' && existsSync(`${file}-wal`);
}

/** An open read-only connection and how it was made. */
export interface ReaderDb {
  readonly db: Db;
  readonly schemaVersion: number;
  /**
   * 'live': shares a recorder's -wal/-shm.
   * 'immutable': nothing is created beside the file and no lock is taken: a copied file, or a file on this machine
   * that no recorder has open (no -wal or -shm beside it; the reader switches to 'live' once one appears).
   * 'private-copy': a copied file that came with its -wal (copied while being written): both were copied to a
   * private temporary folder, so the log is replayed there and the original stays as it was.
   */
  readonly mode: 'live' | 'immutable' | 'private-copy';
  release(): void;
}

/**
 * Opens a recording read-only. `copied` is for a file from another machine or a backup: it is never modified,
 * not even by a -shm beside it. `verify` runs SQLite's quick_check (reads every page: seconds for 1 GiB).
 */
export function openReaderDb(file: string, copied: boolean, verify: boolean): ReaderDb {
  const facts = checkHeader(file, true);
  let tmp: string | null = null;
  let db: Db;
  let mode: ReaderDb['mode'];
  try {
    if (!copied && (existsSync(`${file}-wal`) || existsSync(`${file}-shm`))) {
      db = openLive(file);
      mode = 'live';
    } else if (!copied) {
      // No recorder has it open: reading it must not create a -wal or -shm beside it.
      db = openImmutable(file);
      mode = 'immutable';
    } else if (facts.walBeside) {
      tmp = mkdtempSync(path.join(os.tmpdir(), 'netinspect-recording-'));
      const copy = path.join(tmp, 'recording.db');
      // A reflink where the file system offers one (instant), a plain copy elsewhere.
      copyFileSync(file, copy, constants.COPYFILE_FICLONE);
      copyFileSync(`${file}-wal`, `${copy}-wal`, constants.COPYFILE_FICLONE);
      db = openSqlite(copy);
      mode = 'private-copy';
    } else {
      db = openImmutable(file);
      mode = 'immutable';
    }
  } catch (e) {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    if (isCorruption(e)) throw corruptFile(file, (e as Error).message);
    throw e;
  }
  const cleanup = (): void => {
    db.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  };
  try {
    const schemaVersion = verifyIdentity(db, file);
    // Identity written but no schema yet: a recorder that died before its first transaction.
    if (schemaVersion === 0) throw emptyRecording(file);
    if (verify) {
      const rows = db.prepare('PRAGMA quick_check(5)').raw().all() as [string][];
      if (rows.length !== 1 || rows[0][0] !== 'ok') throw corruptFile(file, rows.map((r) => r[0]).join('; '));
    }
    return { db, schemaVersion, mode, release: cleanup };
  } catch (e) {
    cleanup();
    if (isCorruption(e)) throw corruptFile(file, (e as Error).message);
    throw e;
  }
}
