// `netinspect report`: a whole report (JSON, HTML, CSV or text) to stdout or a file; flags checked before sampling.
import type { Command } from 'commander';
import { languageFromEnv, translate } from '../../shared/i18n/translate';
import { parseCount, parseInterval, parseWindow } from '../../shared/logic/duration';
import { assertFilter } from '../../shared/logic/filter-check';
import { DEFAULT_TOGGLES } from '../../shared/logic/filter';
import { keyedError } from '../../shared/logic/input-error';
import { MAX_SAMPLE_TICKS } from '../../shared/model/history';
import { REPORT_FORMATS, type ReportFormat } from '../../shared/model/report';
import type { StatsWindow } from '../../shared/model/stats-window';
import type { Core } from '../core/app-core';
import { openReportOutput, type ReportOutput } from '../core/report/output-file';
import { sample, withCore } from './cli-core';
import { parseTime } from '../../shared/logic/time-parse';
import { DB_HELP, parseTimeWindow, wantsPast, withRecording } from './timeline-cli';

interface ReportFlags {
  format: string;
  window?: string;
  output?: string;
  filter?: string;
  interval: string;
  ticks?: string;
  at?: string;
  since?: string;
  until?: string;
  db?: string;
}

/** Validated `report` options. */
export interface ReportOptions {
  readonly format: ReportFormat;
  readonly window: StatsWindow | null;
  readonly output: string | null;
  readonly filter: string | null;
  readonly intervalMs: number;
  readonly ticks: number;
  /** A recorded past instead of now (ms since epoch), or null; `db` the recording (default: the app's). */
  readonly past: { readonly at: number | null; readonly since: number | null; readonly until: number | null } | null;
  readonly db: string | undefined;
}

/** The recorded past the flags ask for: the table at --at, history over --since..--until. */
function parsePast(f: ReportFlags): ReportOptions['past'] {
  if (!wantsPast(f)) {
    if (f.db !== undefined) throw keyedError('timelineUi.error.dbNeedsAtOrWindow');
    return null;
  }
  const now = Date.now();
  const window = f.since !== undefined || f.until !== undefined ? parseTimeWindow(f, now) : null;
  return {
    at: f.at === undefined ? null : parseTime(f.at, now, 'at'),
    since: window?.since ?? null,
    until: window?.until ?? null,
  };
}

/** Parses and checks the flags. */
export function parseReport(f: ReportFlags): ReportOptions {
  if (!(REPORT_FORMATS as readonly string[]).includes(f.format))
    throw keyedError('report.input.format', { value: f.format });
  const window = f.window === undefined ? null : parseWindow(f.window);
  if (f.filter !== undefined) assertFilter(f.filter);
  return {
    format: f.format as ReportFormat,
    window,
    output: f.output ?? null,
    filter: f.filter ?? null,
    intervalMs: parseInterval(f.interval, 'interval'),
    // History needs at least two ticks; a snapshot needs one.
    ticks: f.ticks === undefined ? (window ? 3 : 1) : parseCount(f.ticks, 'ticks', 1, MAX_SAMPLE_TICKS),
    past: parsePast(f),
    db: f.db,
  };
}

/** Registers `report`. */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description(
      'A report of this host: sockets, states, transitions, findings, kernel settings, interfaces. The CLI samples ' +
        'for --ticks snapshots (history starts when it starts); the app keeps 24 h',
    )
    .option('--format <f>', 'json (schema netinspect.report/1), html, csv or text', 'text')
    .option('--window <w>', 'also cover a history window: 60s, 10m, 1h or 24h (default: snapshot only)')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .option(
      '--filter <text>',
      'only sockets matching this filter (the window’s filter syntax, e.g. ":8080 state:listen")',
    )
    .option('--interval <d>', 'time between snapshots', '1s')
    .option('--ticks <n>', `snapshots to take, at most ${MAX_SAMPLE_TICKS} (default 1, or 3 with --window)`)
    .option('--since <time>', 'a recorded window instead: from this time (ISO 8601, HH:MM[:SS] today, or -10m)')
    .option('--until <time>', 'a recorded window: to this time (with --since; the table is the one recorded then)')
    .option('--at <time>', 'the table recorded at this time (default: --until)')
    .option('--db <file>', DB_HELP)
    .action(async (flags: ReportFlags) => {
      const o = parseReport(flags);
      // Opened before the first tick: a file that cannot take the report is bad input, not a failed run.
      const output = o.output === null ? null : openReportOutput(o.output);
      try {
        if (o.past) await withRecording(o.db, (core) => runReport(core, o, output));
        else
          await withCore({ settings: { refreshIntervalMs: o.intervalMs }, ticking: o.ticks > 1 }, (core) =>
            runReport(core, o, output),
          );
      } finally {
        output?.close();
      }
    });
}

/** Samples, has core build the report, fetches it chunk by chunk and writes it to `output` (or stdout). */
async function runReport(core: Core, o: ReportOptions, output: ReportOutput | null): Promise<void> {
  const lang = languageFromEnv(process.env);
  const started = performance.now();
  if (!o.past) await sample(core, o.ticks);
  const built = await core.call('report:export', {
    format: o.format,
    window: o.window,
    filter: o.filter === null ? null : { text: o.filter, toggles: DEFAULT_TOGGLES },
    language: lang,
    ...o.past,
  });
  const parts: string[] = [];
  for (let index = 0; index < built.chunks; index++) {
    parts.push((await core.call('report:chunk', { exportId: built.exportId, index })).data);
  }
  const content = parts.join('');
  if (output === null) {
    process.stdout.write(content);
    return;
  }
  output.write(content);
  const written = translate(lang, 'report.cli.written', {
    file: output.path,
    bytes: Buffer.byteLength(content),
    sockets: built.socketCount,
    ms: Math.round(performance.now() - started),
  });
  process.stderr.write(`${written}\n`);
}
