// `netinspect closed`: the Connections log as a table or one JSON object per line, from a core that ticks with the
// kernel's event sources on; --follow prints new closes each refresh until Ctrl+C, a closed pipe ends it quietly.
import type { Command } from 'commander';
import type { Response } from '../../shared/contract';
import { languageFromEnv, translate } from '../../shared/i18n/translate';
import { compileClosedFilter } from '../../shared/logic/connections/closed-filter';
import {
  CLOSED_FOLLOW_WIDTHS,
  CLOSED_TEXT_HEADER,
  OBSERVED_STATE_MARK,
  anyObservedState,
  closedTextCells,
} from '../../shared/logic/connections/closed-text';
import { CONNECTION_LOG_SIZE } from '../../shared/logic/connections/connection-log';
import { parseCount, parseInterval } from '../../shared/logic/duration';
import { assertFilter } from '../../shared/logic/filter-check';
import { escapeControls, jsonText } from '../../shared/logic/terminal-text';
import { renderTextTable } from '../../shared/logic/text-table';
import type { ClosedConnection, ClosedLog } from '../../shared/model/connections';
import { MAX_SAMPLE_TICKS } from '../../shared/model/history';
import type { Core } from '../core/app-core';
import type { Client } from '../core/client';
import { openCore, sample } from './cli-core';
import { closedHistoryOptions, runClosedHistory, wantsClosedHistory, type ClosedHistoryFlags } from './closed-history';
import { EXIT_FAILURE, EXIT_OK } from './exit-codes';

interface ClosedFlags {
  follow?: boolean;
  json?: boolean;
  filter?: string;
  limit?: string;
  interval: string;
  ticks: string;
}

/** Validated `closed` options. */
export interface ClosedOptions {
  readonly follow: boolean;
  readonly json: boolean;
  /** Filter-box text (shared/logic/filter.ts), '' for every connection. */
  readonly filter: string;
  /** Without --follow: the newest this many; with it: stop after printing this many. Null: no bound. */
  readonly limit: number | null;
  readonly intervalMs: number;
  readonly ticks: number;
}

/**
 * Where the entries come from: the live core's `connections:closed` today. A recording (the timeline database) can
 * answer the same shape for `--since/--until`, and everything after this seam stays as it is.
 */
export type ClosedLogSource = (afterId: number, limit: number) => Promise<ClosedLog>;

/** The live log of a running core. */
export function liveClosedLog(core: Core): ClosedLogSource {
  return (afterId, limit) => core.call('connections:closed', { afterId, limit });
}

/** Parses and checks the flags before anything samples; throws INVALID_INPUT (exit 2) with one line. */
export function parseClosed(f: ClosedFlags): ClosedOptions {
  const filter = f.filter ?? '';
  assertFilter(filter);
  return {
    follow: f.follow === true,
    json: f.json === true,
    filter,
    limit: f.limit === undefined ? null : parseCount(f.limit, 'limit', 1, CONNECTION_LOG_SIZE),
    intervalMs: parseInterval(f.interval, 'interval'),
    ticks: parseCount(f.ticks, 'ticks', 2, MAX_SAMPLE_TICKS),
  };
}

const lang = () => languageFromEnv(process.env);

/** Where closes come from, in a few words, for the note on stderr. */
function sourceText(log: ClosedLog): string {
  if (log.source === 'kernel') return translate(lang(), 'connections.cli.sourceKernel');
  // Another OS has no destroy events at all, so no reason is given: say what that means.
  return log.fallbackReason === null
    ? translate(lang(), 'connections.cli.sourceDiffs')
    : translate(lang(), 'connections.cli.sourceObserved', { reason: log.fallbackReason });
}

function note(text: string): void {
  process.stderr.write(`${escapeControls(text)}\n`);
}

/** Whether a table of `entries` shows a state only a refresh saw: the mark it carries is then explained once. */
function needsStateLegend(entries: readonly ClosedConnection[], o: ClosedOptions): boolean {
  return !o.json && anyObservedState(entries);
}

function stateLegend(): void {
  note(translate(lang(), 'connections.cli.observedState', { mark: OBSERVED_STATE_MARK }));
}

/** One line of the follow table: padded to fixed widths, since later rows cannot widen earlier ones. */
function followLine(cells: readonly string[]): string {
  return cells
    .map((c, i) => {
      const text = escapeControls(c);
      return i === cells.length - 1 ? text : text.padEnd(CLOSED_FOLLOW_WIDTHS[i] ?? 0);
    })
    .join('  ')
    .trimEnd();
}

/** Entries as printed: JSON lines, or table rows (the header comes with the table or once when following). */
function renderEntries(entries: readonly ClosedConnection[], o: ClosedOptions): string {
  if (o.json) return entries.map((e) => `${jsonText(e)}\n`).join('');
  if (o.follow) return entries.map((e) => `${followLine(closedTextCells(e))}\n`).join('');
  return `${renderTextTable(CLOSED_TEXT_HEADER, entries.map(closedTextCells))}\n`;
}

/** Ends the process once stdout has taken what was written. */
function exitAfterFlush(code: number): void {
  process.stdout.write('', () => process.exit(code));
}

/** A reader that went away (`| head`) is the end of the output, not an error: exit 0 without a trace. */
function endQuietlyOnEpipe(stop: () => void): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    stop();
    if (e.code === 'EPIPE') process.exit(EXIT_OK);
    process.stderr.write(`${escapeControls(translate(lang(), 'cli.error', { message: e.message }))}\n`);
    process.exit(EXIT_FAILURE);
  });
}

/** The log of a short sampling window: the closes of `ticks` refreshes, oldest first. */
async function printWindow(o: ClosedOptions): Promise<void> {
  const core = openCore({ settings: { refreshIntervalMs: o.intervalMs }, ticking: true });
  endQuietlyOnEpipe(() => core.dispose());
  let log: ClosedLog;
  try {
    await sample(core, o.ticks);
    log = await liveClosedLog(core)(-1, CONNECTION_LOG_SIZE);
  } finally {
    core.dispose();
  }
  const pass = compileClosedFilter(o.filter);
  const matching = log.entries.filter(pass);
  const newest = o.limit === null ? matching : matching.slice(0, o.limit);
  if (!o.json)
    note(translate(lang(), 'connections.cli.sampling', { ticks: o.ticks, ms: o.intervalMs, source: sourceText(log) }));
  if (log.lost > 0) note(translate(lang(), 'connections.cli.lost', { n: log.lost }));
  const text = renderEntries([...newest].reverse(), o);
  if (text !== '') process.stdout.write(text);
  if (needsStateLegend(newest, o)) stateLegend();
}

/**
 * Prints new closes after every refresh until SIGINT/SIGTERM, a closed pipe, or `limit` entries (exit 0 each); a
 * failing read rejects (one line, exit 1, from the program's handler).
 */
function follow(o: ClosedOptions): Promise<void> {
  const core = openCore({ settings: { refreshIntervalMs: o.intervalMs }, ticking: true });
  const read = liveClosedLog(core);
  const pass = compileClosedFilter(o.filter);
  return new Promise<void>((resolve, reject) => {
    const stop = (): void => {
      core.dispose();
      resolve();
      exitAfterFlush(EXIT_OK);
    };
    endQuietlyOnEpipe(() => core.dispose());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    let afterId = -1;
    let printed = 0;
    let lost = 0;
    let explained = false;
    let busy: Promise<void> = Promise.resolve();
    const poll = async (): Promise<void> => {
      const log = await read(afterId, CONNECTION_LOG_SIZE);
      if (log.entries.length > 0) afterId = log.entries[0].id;
      if (log.lost > lost) note(translate(lang(), 'connections.cli.lost', { n: log.lost - lost }));
      lost = log.lost;
      let fresh = [...log.entries].reverse().filter(pass);
      if (o.limit !== null) fresh = fresh.slice(0, o.limit - printed);
      printed += fresh.length;
      if (fresh.length > 0) process.stdout.write(renderEntries(fresh, o));
      if (!explained && needsStateLegend(fresh, o)) {
        explained = true;
        stateLegend();
      }
      if (o.limit !== null && printed >= o.limit) stop();
    };
    const fail = (e: unknown): void => {
      core.dispose();
      reject(e);
    };
    const listener: Client = {
      id: 'cli-closed',
      send: (event, payload) => {
        if (event !== 'collector:status' || (payload as Response<'collector:status'>).lastTakenAt === null) return;
        // One read at a time, in order: each starts after the newest id the previous one printed.
        busy = busy.then(poll).catch(fail);
      },
    };
    if (!o.json) process.stdout.write(`${followLine(CLOSED_TEXT_HEADER)}\n`);
    core.subscribe(listener, ['collector:status']);
    // The first refresh opens the kernel's sources; the monitor's loop takes it from there.
    core
      .call('sockets:snapshot', {})
      .then(() => read(-1, 1))
      .then((first) => {
        if (!o.json) note(translate(lang(), 'connections.cli.following', { source: sourceText(first) }));
      })
      .catch(fail);
  });
}

/** Registers `closed`. */
export function registerClosed(program: Command): void {
  const cmd = program
    .command('closed')
    .description(
      'Closed connections with owners, bytes and durations (every one from the kernel’s destroy events, like ' +
        '`ss -E`). Without --follow it prints what closed during a short sampling window (--ticks refreshes ' +
        '--interval apart); the app (`netinspect serve` or the window) keeps the last 10,000. With --since and ' +
        '--until, the connections a recording saw close in that window',
    )
    .option('--follow', 'keep printing new closed connections until Ctrl+C (exit 0)')
    .option('--json', 'one JSON object per connection and line (with --since: one netinspect.closed/1 object)')
    .option('--filter <expr>', 'only connections matching the filter syntax (:8080 state:time_wait pid:123 ...)')
    .option(
      '--limit <n>',
      `the newest n (1-${CONNECTION_LOG_SIZE}); with --follow, stop after n; with --since, the first n`,
    )
    .option('--interval <d>', 'time between refreshes (e.g. 500ms, 1s)', '1s')
    .option('--ticks <n>', `refreshes to sample without --follow (2-${MAX_SAMPLE_TICKS})`, '3');
  closedHistoryOptions(cmd).action(async (flags: ClosedFlags & ClosedHistoryFlags) => {
    if (wantsClosedHistory(flags)) return runClosedHistory(flags);
    const o = parseClosed(flags);
    await (o.follow ? follow(o) : printWindow(o));
  });
}
