// The timeline store's user-facing failures: one i18n key each (shared/i18n timeline-*), and SQLite codes mapped.
import { keyedError } from '../../../shared/logic/input-error';
import { formatLocalTime } from '../../../shared/logic/time-parse';
import type { AppError } from '../../../shared/model/errors';
import { translate } from '../../../shared/i18n/translate';
import type { PauseReason, WriterStatus } from './timeline-types';

/** The SQLite result code name of an error thrown by the binding (`SQLITE_FULL` ...), or undefined. */
export function sqliteCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

/** True when an error says the file's bytes are not a sound database. */
export function isCorruption(e: unknown): boolean {
  const code = sqliteCode(e) ?? '';
  return code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB';
}

export const notSqlite = (file: string): AppError => keyedError('timeline.error.notSqlite', { file });
export const foreignDatabase = (file: string): AppError => keyedError('timeline.error.foreign', { file });
export const missingFile = (file: string): AppError => keyedError('timeline.error.missing', { file });

export const newerSchema = (file: string, found: number, supported: number): AppError =>
  keyedError('timeline.error.newerSchema', { file, found, supported }, 'NOT_SUPPORTED');

export const corruptFile = (file: string, detail: string): AppError =>
  keyedError('timeline.error.corrupt', { file, detail });

export const lockedByOther = (file: string, pid: number | string, host: string, since: number | null): AppError =>
  keyedError(
    'timeline.error.locked',
    { file, pid, host, since: since === null ? '?' : formatLocalTime(since) },
    'REFUSED',
  );

export const unwritableFile = (file: string, reason: string): AppError =>
  keyedError('timeline.error.unwritable', { file, reason }, 'EPERM');

export const outOfRange = (time: number, from: number, to: number): AppError =>
  keyedError('timeline.error.outOfRange', {
    time: formatLocalTime(time),
    from: formatLocalTime(from),
    to: formatLocalTime(to),
  });

export const emptyRecording = (file: string): AppError => keyedError('timeline.error.empty', { file });

export const sqliteUnavailable = (detail: string): AppError =>
  keyedError('timeline.error.sqliteUnavailable', { detail }, 'NOT_SUPPORTED');

/** Which pause a failed write means: a full disk, a file that cannot be written, or anything else. */
export function pauseReasonOf(e: unknown): PauseReason {
  const code = sqliteCode(e) ?? (e as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'SQLITE_IOERR_WRITE_FULL') return 'disk-full';
  if (typeof code !== 'string') return 'failed';
  if (/^SQLITE_(READONLY|CANTOPEN|PERM|IOERR)/.test(code) || ['EACCES', 'EPERM', 'EROFS'].includes(code))
    return 'unwritable';
  return 'failed';
}

/** The i18n key of a pause's message. */
export const PAUSE_KEYS: Readonly<Record<PauseReason, string>> = {
  'disk-full': 'timeline.paused.diskFull',
  unwritable: 'timeline.paused.unwritable',
  failed: 'timeline.paused.failed',
};

/** A paused recorder's status. */
export type Pause = NonNullable<WriterStatus['paused']>;

/** The pause a failed write (or open) means, continuing `previous` (its start and dropped ticks) if paused already. */
export function pauseOf(e: unknown, file: string, previous: Pause | null): Pause {
  const keyed = (e as { key?: unknown } | null)?.key;
  const reason = keyed === 'timeline.error.unwritable' ? 'unwritable' : pauseReasonOf(e);
  const detail = (e as { params?: { reason?: unknown } } | null)?.params?.reason ?? (e as Error)?.message ?? e;
  const params = { file, reason: String(detail) };
  return {
    reason,
    since: previous?.since ?? Date.now(),
    key: PAUSE_KEYS[reason],
    params,
    message: translate('en', PAUSE_KEYS[reason], params),
    droppedTicks: (previous?.droppedTicks ?? 0) + 1,
  };
}
