// Reads a recording's 100-byte SQLite header without SQLite, so a wrong file is refused before anything opens it.
import { closeSync, existsSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { corruptFile, foreignDatabase, missingFile, newerSchema, notSqlite } from './timeline-errors';

/** PRAGMA application_id of every netinspect recording: "NtIn" in ASCII. */
export const APPLICATION_ID = 0x4e74496e;
/** The schema version this build writes and the newest it reads (PRAGMA user_version). */
export const SCHEMA_VERSION = 1;

const MAGIC = 'SQLite format 3\u0000';

/** What the header of an existing file says. */
export interface HeaderFacts {
  /** False when the file does not exist or is empty (a new recording). */
  readonly exists: boolean;
  readonly schemaVersion: number;
  /** True when the header cannot be trusted alone: a write-ahead log beside it may hold a newer first page. */
  readonly walBeside: boolean;
}

/** Size of a file in bytes, 0 when it does not exist. */
export function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * Checks that `file` is a netinspect recording this build can read, from its header alone, and throws the
 * matching AppError otherwise (not SQLite, another application's database, a newer schema, truncated). A file that
 * does not exist is `exists: false` unless `mustExist`. Nothing is written.
 */
export function checkHeader(file: string, mustExist: boolean): HeaderFacts {
  const walBeside = fileSize(`${file}-wal`) > 0;
  if (!existsSync(file) || (fileSize(file) === 0 && !walBeside)) {
    if (mustExist) throw missingFile(file);
    return { exists: false, schemaVersion: 0, walBeside };
  }
  const fd = openSync(file, 'r');
  const header = Buffer.alloc(100);
  let size: number;
  try {
    size = fstatSync(fd).size;
    readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  // A recording whose first page lives only in its -wal so far: SQLite will read it; the checks after open decide.
  if (size === 0) return { exists: true, schemaVersion: 0, walBeside };
  if (size < 100 || header.toString('latin1', 0, 16) !== MAGIC) throw notSqlite(file);
  const appId = header.readUInt32BE(68);
  const version = header.readUInt32BE(60);
  if (appId !== APPLICATION_ID && !walBeside) throw foreignDatabase(file);
  if (appId === APPLICATION_ID && version > SCHEMA_VERSION) throw newerSchema(file, version, SCHEMA_VERSION);
  const raw = header.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
    throw corruptFile(file, `page size ${raw}`);
  }
  // The header's page count is valid when its "version valid for" equals the change counter (SQLite file format).
  const pages = header.readUInt32BE(28);
  const valid = header.readUInt32BE(92) === header.readUInt32BE(24);
  if (!walBeside && valid && pages > 0 && pages * pageSize > size) {
    throw corruptFile(file, `truncated: ${size} of ${pages * pageSize} bytes`);
  }
  return { exists: true, schemaVersion: appId === APPLICATION_ID ? version : 0, walBeside };
}
