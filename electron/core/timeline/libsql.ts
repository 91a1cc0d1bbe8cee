// libsql, loaded when a recording is first opened: every command that opens none (`list`, `who`, `scan` ...) starts
// without its native library (measured: 15 ms and 5 MB less for a cold `list`).
import { createRequire } from 'node:module';
import type Libsql from 'libsql';
import { sqliteUnavailable } from './timeline-errors';

let loaded: typeof Libsql | null = null;

/** An open connection (libsql's better-sqlite3-compatible API). */
export type Db = Libsql.Database;

/**
 * Loads the binding now; throws NOT_SUPPORTED (what failed, and to reinstall) when it cannot load, so that a broken
 * install reads as such, not as a file that cannot be written.
 */
export function loadSqlite(): typeof Libsql {
  if (loaded) return loaded;
  try {
    loaded = createRequire(__filename)('libsql') as typeof Libsql;
  } catch (e) {
    throw sqliteUnavailable((e as Error).message.split('\n')[0]);
  }
  return loaded;
}

/** Opens `file` (a path or a file: URI) as libsql's Database does; throws its errors, or loadSqlite's. */
export function openSqlite(file: string, options?: Libsql.Options): Db {
  const Database = loadSqlite();
  return new Database(file, options);
}
