// `netinspect closed --since TIME --until TIME [--db FILE]`: the connections a recording saw close in a window.
// The live `closed` command takes these flags (`closedHistoryOptions`) and hands over to `runClosedHistory`.
import type { Command } from 'commander';
import { languageFromEnv, translate } from '../../shared/i18n/translate';
import { compileClosedFilter } from '../../shared/logic/connections/closed-filter';
import {
  CLOSED_TEXT_HEADER,
  OBSERVED_STATE_MARK,
  anyObservedState,
  closedTextCells,
} from '../../shared/logic/connections/closed-text';
import { parseCount } from '../../shared/logic/duration';
import { assertFilter } from '../../shared/logic/filter-check';
import { keyedError } from '../../shared/logic/input-error';
import { escapeControls, jsonText } from '../../shared/logic/terminal-text';
import { renderTextTable } from '../../shared/logic/text-table';
import { formatLocalTime } from '../../shared/logic/time-parse';
import { MAX_PAST_CLOSED } from '../../shared/model/timeline';
import { dbOption, parseTimeWindow, withRecording } from './timeline-cli';

/** The flags of the historical `closed`. */
export interface ClosedHistoryFlags {
  since?: string;
  until?: string;
  db?: string;
  limit?: string;
  filter?: string;
  json?: boolean;
  follow?: boolean;
}

/** Adds --since, --until and --db to the `closed` command. */
export function closedHistoryOptions(cmd: Command): Command {
  return dbOption(
    cmd
      .option('--since <time>', 'from a recording: from this time (ISO 8601, HH:MM[:SS] today, or -10m); needs --until')
      .option('--until <time>', 'to this time; needs --since'),
  );
}

/** True when the historical flags were given: the recording answers, not the live log. */
export function wantsClosedHistory(f: ClosedHistoryFlags): boolean {
  return f.since !== undefined || f.until !== undefined || f.db !== undefined;
}

/**
 * Reads the window from the recording and prints it, oldest first (table, or JSON `netinspect.closed/1`); --filter
 * narrows it as it narrows the live log, --limit keeps the first n.
 */
export async function runClosedHistory(f: ClosedHistoryFlags): Promise<void> {
  if (f.follow) throw keyedError('timelineUi.error.followPast');
  const { since, until } = parseTimeWindow(f);
  const filter = f.filter ?? '';
  assertFilter(filter);
  const limit = f.limit === undefined ? 1000 : parseCount(f.limit, 'limit', 1, MAX_PAST_CLOSED);
  const { closed, host } = await withRecording(f.db, async (core) => ({
    closed: await core.call('timeline:closed', { since, until, limit: MAX_PAST_CLOSED }),
    host: (await core.call('timeline:status', {})).host ?? '?',
  }));
  const pass = compileClosedFilter(filter);
  const matching = closed.entries.filter(pass);
  const entries = matching.slice(0, limit);
  const truncated = closed.truncated || entries.length < matching.length;
  if (f.json) {
    process.stdout.write(`${jsonText({ schema: 'netinspect.closed/1', since, until, host, entries, truncated })}\n`);
    return;
  }
  const lang = languageFromEnv(process.env);
  const title = translate(lang, 'timelineUi.cli.closedTitle', {
    since: formatLocalTime(since),
    until: formatLocalTime(until),
    host,
    n: entries.length,
  });
  // A window may span days: the date goes with each time.
  const rows = entries.map((c) => [formatLocalTime(c.closedAt), ...closedTextCells(c).slice(1)]);
  const lines = [escapeControls(title), renderTextTable(CLOSED_TEXT_HEADER, rows)];
  if (anyObservedState(entries))
    lines.push(translate(lang, 'connections.cli.observedState', { mark: OBSERVED_STATE_MARK }));
  if (truncated) lines.push(translate(lang, 'timelineUi.cli.truncated', { n: entries.length }));
  process.stdout.write(`${lines.join('\n')}\n`);
}
