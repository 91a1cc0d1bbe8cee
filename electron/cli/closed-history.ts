// `netinspect closed --since TIME --until TIME [--db FILE]`: the connections a recording saw close in a window.
// Kept apart from the live `closed` command so both merge: `closedHistoryOptions` adds the flags to it, and
// `runClosedHistory` answers when --since/--until are given.
import type { Command } from 'commander';
import { languageFromEnv, translate } from '../../shared/i18n/translate';
import { parseCount } from '../../shared/logic/duration';
import { formatEndpoint } from '../../shared/logic/endpoint';
import { formatBytes, formatDuration } from '../../shared/logic/format';
import { escapeControls, jsonText } from '../../shared/logic/terminal-text';
import { renderTextTable } from '../../shared/logic/text-table';
import { formatLocalTime } from '../../shared/logic/time-parse';
import type { ClosedConnection } from '../../shared/model/connections';
import { MAX_PAST_CLOSED } from '../../shared/model/timeline';
import { dbOption, parseTimeWindow, withRecording } from './timeline-cli';

/** The flags of the historical `closed`. */
export interface ClosedHistoryFlags {
  since?: string;
  until?: string;
  db?: string;
  limit?: string;
  json?: boolean;
}

/** The closed connections as an aligned table, oldest first. */
export function renderClosed(entries: readonly ClosedConnection[]): string {
  const failed = translate(languageFromEnv(process.env), 'timelineUi.cli.connectFailed');
  return renderTextTable(
    ['Closed', 'Proto', 'Local Address', 'Remote Address', 'Final', 'Open for', 'Sent', 'Received', 'PID/Program'],
    entries.map((c) => [
      formatLocalTime(c.closedAt),
      `${c.proto}${c.family === 6 ? '6' : ''}`,
      formatEndpoint(c.localAddress, c.localPort),
      formatEndpoint(c.remoteAddress, c.remotePort),
      c.failedConnect ? `${c.finalState} (${failed})` : c.finalState,
      c.durationMs === null ? '-' : `${c.openedAtSource === 'observed' ? '≥ ' : ''}${formatDuration(c.durationMs)}`,
      c.bytesSent === null ? '-' : formatBytes(c.bytesSent),
      c.bytesReceived === null ? '-' : formatBytes(c.bytesReceived),
      c.pid === null ? '-' : `${c.pid}/${c.process ?? '?'}`,
    ]),
  );
}

/** Adds --since, --until, --db and --limit to a `closed` command. */
export function closedHistoryOptions(cmd: Command): Command {
  return dbOption(
    cmd
      .option('--since <time>', 'from this time (ISO 8601, HH:MM[:SS] today, or -10m); needs --until')
      .option('--until <time>', 'to this time; needs --since')
      .option('--limit <n>', `at most this many (1-${MAX_PAST_CLOSED})`, '1000'),
  );
}

/** True when the historical flags were given: the recording answers, not the live log. */
export function wantsClosedHistory(f: ClosedHistoryFlags): boolean {
  return f.since !== undefined || f.until !== undefined || f.db !== undefined;
}

/** Reads the window from the recording and prints it (table, or JSON `netinspect.closed/1`). */
export async function runClosedHistory(f: ClosedHistoryFlags): Promise<void> {
  const { since, until } = parseTimeWindow(f);
  const limit = parseCount(f.limit ?? '1000', 'limit', 1, MAX_PAST_CLOSED);
  const { closed, host } = await withRecording(f.db, async (core) => ({
    closed: await core.call('timeline:closed', { since, until, limit }),
    host: (await core.call('timeline:status', {})).host ?? '?',
  }));
  if (f.json) {
    process.stdout.write(`${jsonText({ schema: 'netinspect.closed/1', since, until, host, ...closed })}\n`);
    return;
  }
  const lang = languageFromEnv(process.env);
  const title = translate(lang, 'timelineUi.cli.closedTitle', {
    since: formatLocalTime(since),
    until: formatLocalTime(until),
    host,
    n: closed.entries.length,
  });
  const lines = [escapeControls(title), renderClosed(closed.entries)];
  if (closed.truncated) lines.push(translate(lang, 'timelineUi.cli.truncated', { n: closed.entries.length }));
  process.stdout.write(`${lines.join('\n')}\n`);
}

/**
 * Registers `closed` for a recorded window, when no live `closed` command is registered yet; with one, add
 * `closedHistoryOptions` to it and call `runClosedHistory` when `wantsClosedHistory`.
 */
export function registerClosedHistory(program: Command): void {
  if (program.commands.some((c) => c.name() === 'closed')) return;
  closedHistoryOptions(
    program
      .command('closed')
      .description('Connections a recording saw close between --since and --until')
      .option('--json', 'print JSON (schema netinspect.closed/1)'),
  ).action((flags: ClosedHistoryFlags) => runClosedHistory(flags));
}
