// libsql, loaded when a recording is first opened: its native library costs every command that opens none (`list`,
// `who`, `scan` ...) some 20 ms of start-up and 8 MB.
import { createRequire } from 'node:module';
import type Libsql from 'libsql';

let loaded: typeof Libsql | null = null;

/** An open connection (libsql's better-sqlite3-compatible API). */
export type Db = Libsql.Database;

/** Opens `file` (a path or a file: URI) as libsql's Database does; throws its errors. */
export function openSqlite(file: string, options?: Libsql.Options): Db {
  const Database = (loaded ??= createRequire(__filename)('libsql') as typeof Libsql);
  return new Database(file, options);
}
