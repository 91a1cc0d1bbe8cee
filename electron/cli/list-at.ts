// `netinspect list --at TIME [--db FILE]`: the table as a recording has it at a past time, in list's three forms.
import { languageFromEnv, translate } from '../../shared/i18n/translate';
import { matchesQuery, type SocketQuery } from '../../shared/logic/socket-query';
import { escapeControls, jsonText } from '../../shared/logic/terminal-text';
import { formatLocalTime, parseTime } from '../../shared/logic/time-parse';
import type { Snapshot } from '../../shared/model/snapshot';
import type { Socket } from '../../shared/model/socket';
import type { PastTable } from '../../shared/model/timeline';
import { AT_FLAGS, dbNeedsTime, withRecording } from './timeline-cli';

/** The flags of `list` the past reads. */
export interface ListAtFlags {
  readonly at?: string;
  readonly db?: string;
  readonly json?: boolean;
}

/** Reads the table at `--at` from the recording; INVALID_INPUT for a bad TIME, or one outside the recorded range. */
export async function readListAt(flags: ListAtFlags): Promise<PastTable> {
  if (flags.at === undefined) throw dbNeedsTime(AT_FLAGS);
  const at = parseTime(flags.at, Date.now(), 'at');
  return withRecording(flags.db, (core) => core.call('timeline:at', { at }));
}

/**
 * The past table in list's forms. JSON adds the time asked (`at`), the recording's `host` and any `gap`; text and
 * CSV are list's own (`render`), with a note on stderr of which tick of which host they show.
 */
export function renderListAt(
  past: PastTable,
  query: SocketQuery,
  flags: ListAtFlags,
  render: (snap: Snapshot, sockets: readonly Socket[]) => string,
): { stdout: string; note: string | null } {
  const sockets = past.sockets.filter((s) => matchesQuery(s, query));
  if (flags.json) {
    const stdout = jsonText({
      schema: 'netinspect.snapshot/1',
      takenAt: past.tickAt,
      at: past.at,
      host: past.host,
      gap: past.gap,
      sockets,
    });
    return { stdout, note: null };
  }
  // Owner visibility was the recorder's, not known here: no hidden-owner note is made up for it.
  const snap: Snapshot = {
    seq: 0,
    takenAt: past.tickAt,
    sockets: past.sockets,
    processes: past.processes,
    source: null,
    ownerVisibility: 'all',
    hiddenOwners: 0,
  };
  const note = translate(languageFromEnv(process.env), 'timelineUi.cli.at', {
    tick: formatLocalTime(past.tickAt),
    host: past.host,
    n: sockets.length,
    at: formatLocalTime(past.at),
  });
  return { stdout: render(snap, sockets), note: escapeControls(note) };
}
