// The recording file as SQLite: how it is opened (writer, live reader, copied file), its schema and migrations.
import { pathToFileURL } from 'node:url';
import { openSqlite, type Db } from './libsql';
import { APPLICATION_ID, SCHEMA_VERSION } from './file-check';
import { corruptFile, foreignDatabase, isCorruption, newerSchema } from './timeline-errors';

export type { Db } from './libsql';

/** One schema step: from `version - 1` to `version`, run inside a transaction. */
export interface Migration {
  readonly version: number;
  readonly up: (db: Db) => void;
}

/**
 * Version 1. Ticks are keyed by their time (ms since epoch), which is also the time index. A tick's small row
 * (counts, summary) and its blob (`data`: the socket delta, then the events, `head` bytes into it) live in two
 * tables, so stats over a week scan small rows only. A keyframe's sockets are split into parts so a part can be
 * built between two ticks; a keyframe counts only once its header row exists.
 */
const V1 = `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE series (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
  CREATE TABLE ticks (
    t INTEGER PRIMARY KEY,
    sockets INTEGER NOT NULL,
    added INTEGER NOT NULL,
    changed INTEGER NOT NULL,
    removed INTEGER NOT NULL,
    closed INTEGER NOT NULL,
    transitions INTEGER NOT NULL,
    summary TEXT NOT NULL
  );
  CREATE TABLE tick_data (t INTEGER PRIMARY KEY, head INTEGER NOT NULL, data BLOB NOT NULL);
  CREATE TABLE keyframes (t INTEGER PRIMARY KEY, sockets INTEGER NOT NULL, parts INTEGER NOT NULL, processes BLOB NOT NULL);
  CREATE TABLE keyframe_parts (id INTEGER PRIMARY KEY, t INTEGER NOT NULL, part INTEGER NOT NULL, data BLOB NOT NULL);
  CREATE UNIQUE INDEX keyframe_parts_by_time ON keyframe_parts (t, part);
  CREATE TABLE gaps (from_t INTEGER NOT NULL, to_t INTEGER NOT NULL, reason TEXT NOT NULL);
`;

/** Every migration, oldest first; the last one's version is SCHEMA_VERSION. */
export const MIGRATIONS: readonly Migration[] = [{ version: 1, up: (db) => db.exec(V1) }];

/** SQLite URI of a file (percent-escaped, so `?` or `#` in a path cannot become parameters). */
function uri(file: string, params: string): string {
  return `${pathToFileURL(file).href}?${params}`;
}

/** Opens (creating when absent) the recording for writing: WAL, synchronous=NORMAL, incremental vacuum. */
export function openForWriting(file: string): Db {
  const db = openSqlite(file, { timeout: 2 });
  db.exec('PRAGMA busy_timeout = 2000');
  const fresh = (db.prepare('PRAGMA page_count').raw().get() as number[])[0] === 0;
  if (fresh) {
    // Identity and vacuum mode go into page 1 before WAL starts, so even a copy taken without its -wal says
    // what it is; auto_vacuum can only be chosen before the first table.
    db.exec(`PRAGMA auto_vacuum = INCREMENTAL; PRAGMA application_id = ${APPLICATION_ID}`);
  }
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA journal_size_limit = 67108864');
  return db;
}

/** Opens a recording on this machine read-only, following what a recorder in another process commits. */
export function openLive(file: string): Db {
  const db = openSqlite(uri(file, 'mode=ro'));
  db.exec('PRAGMA busy_timeout = 2000');
  return db;
}

/**
 * Opens a file that nothing writes any more (a copy from another machine) as immutable: SQLite then takes no lock
 * and creates no -wal or -shm beside it.
 */
export function openImmutable(file: string): Db {
  return openSqlite(uri(file, 'mode=ro&immutable=1'));
}

function pragmaNumber(db: Db, name: string): number {
  return Number((db.prepare(`PRAGMA ${name}`).raw().get() as unknown[])[0]);
}

/** The schema version of an open recording, after checking that it is one (throws the matching AppError). */
export function verifyIdentity(db: Db, file: string): number {
  try {
    const appId = pragmaNumber(db, 'application_id');
    const version = pragmaNumber(db, 'user_version');
    if (appId !== APPLICATION_ID) throw foreignDatabase(file);
    if (version > SCHEMA_VERSION) throw newerSchema(file, version, SCHEMA_VERSION);
    return version;
  } catch (e) {
    if (isCorruption(e)) throw corruptFile(file, String((e as Error).message));
    throw e;
  }
}

/** Brings a recording opened for writing to SCHEMA_VERSION, one migration per transaction. */
export function migrate(db: Db, file: string, migrations: readonly Migration[] = MIGRATIONS): void {
  const target = migrations.at(-1)?.version ?? 0;
  let version = pragmaNumber(db, 'user_version');
  if (version > target) throw newerSchema(file, version, target);
  for (const m of migrations) {
    if (m.version <= version) continue;
    db.exec('BEGIN IMMEDIATE');
    try {
      m.up(db);
      db.exec(`PRAGMA user_version = ${m.version}`);
      writeMeta(db, { schema_version: m.version });
      db.exec('COMMIT');
    } catch (e) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw e;
    }
    version = m.version;
  }
}

/** Every meta key -> value. */
export function readMeta(db: Db): Map<string, string> {
  const rows = db.prepare('SELECT key, value FROM meta').raw().all() as [string, string][];
  return new Map(rows);
}

/** Sets meta keys (inside the caller's transaction, if any). */
export function writeMeta(db: Db, values: Readonly<Record<string, string | number>>): void {
  const st = db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  for (const [k, v] of Object.entries(values)) st.run(k, String(v));
}

/** A BLOB column value as a Buffer (the binding answers Buffer, ArrayBuffer or Uint8Array depending on the call). */
export function asBuffer(v: unknown): Buffer {
  if (Buffer.isBuffer(v)) return v;
  if (v instanceof ArrayBuffer) return Buffer.from(v);
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  throw new Error(`expected a blob, got ${typeof v}`);
}

/** Who recorded into a file last, as its meta rows say. */
export interface WriterClaim {
  readonly host: string;
  readonly version: string;
  readonly keyframeEveryMs: number;
  readonly retentionMs: number;
  readonly maxBytes: number;
}

/**
 * Writes this recorder into the file's meta (and the file's identity, when new). Returns the previous recorder when
 * it ended without closing (killed, crashed), or null.
 */
export function claimWriter(db: Db, claim: WriterClaim): { pid: number; host: string; since: number } | null {
  const meta = readMeta(db);
  const prevPid = Number(meta.get('writer_pid'));
  const recovered =
    meta.get('writer_clean') === '0' && prevPid > 0
      ? { pid: prevPid, host: meta.get('writer_host') ?? '?', since: Number(meta.get('writer_since')) }
      : null;
  const now = Date.now();
  db.exec('BEGIN IMMEDIATE');
  writeMeta(db, {
    ...(meta.has('created_at')
      ? {}
      : { format: 'netinspect.timeline', created_at: now, host: claim.host, platform: process.platform }),
    netinspect_version: claim.version,
    keyframe_every_ms: claim.keyframeEveryMs,
    retention_ms: claim.retentionMs,
    max_bytes: claim.maxBytes,
    writer_pid: process.pid,
    writer_host: claim.host,
    writer_since: now,
    writer_clean: 0,
  });
  db.exec('COMMIT');
  return recovered;
}
