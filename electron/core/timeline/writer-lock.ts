// One recorder per file: an OS file lock, held through SQLite's exclusive locking mode on a `-lock` file beside it.
import { openSqlite } from './libsql';
import { sqliteCode } from './timeline-errors';

/**
 * A held writer lock. The OS drops it when the process ends, however it ends (kill -9 included), so a dead
 * recorder's lock is simply free: no pid check, and no pid reuse to be fooled by. The `-lock` file is never
 * deleted: unlinking a lock file lets a waiter lock the old inode while a newcomer locks a new one.
 */
export interface WriterLock {
  release(): void;
}

/** Path of the lock file of a recording. */
export const lockFileOf = (file: string): string => `${file}-lock`;

/**
 * Takes the writer lock of `file`, or returns null when another connection (this process or another) holds it.
 * Throws what opening the lock file throws (an unwritable folder).
 */
export function tryLock(file: string): WriterLock | null {
  const db = openSqlite(lockFileOf(file), { timeout: 0 });
  try {
    // In exclusive locking mode the first write transaction's lock is kept until the connection closes.
    db.exec('PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = MEMORY; BEGIN EXCLUSIVE; COMMIT');
  } catch (e) {
    db.close();
    if (sqliteCode(e) === 'SQLITE_BUSY' || sqliteCode(e) === 'SQLITE_LOCKED') return null;
    throw e;
  }
  let held = true;
  return {
    release() {
      if (held) db.close();
      held = false;
    },
  };
}
