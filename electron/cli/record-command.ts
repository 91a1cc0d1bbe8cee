// `netinspect record`: records this host headless until SIGINT/SIGTERM (flushed and closed cleanly), and
// `record --info`: a recording's range, size and row counts.
import path from 'node:path';
import type { Command } from 'commander';
import { languageFromEnv, translate } from '../../shared/i18n/translate';
import { durationText, parseInterval } from '../../shared/logic/duration';
import { formatBytes } from '../../shared/logic/format';
import { parseByteSize, parseRetention } from '../../shared/logic/recording-limits';
import { jsonText, escapeTerminalText } from '../../shared/logic/terminal-text';
import { renderTextTable } from '../../shared/logic/text-table';
import { formatLocalTime } from '../../shared/logic/time-parse';
import { AppError } from '../../shared/model/errors';
import type { RecordingStatus, TimelineInfo } from '../../shared/model/timeline';
import type { Client } from '../core/client';
import { openCore } from './cli-core';
import { RECORDING_FILE, dbOption, defaultRecording, withRecording } from './timeline-cli';

interface RecordFlags {
  db?: string;
  retention: string;
  maxSize: string;
  interval: string;
  info?: boolean;
  json?: boolean;
}

/** Validated `record` options. */
export interface RecordOptions {
  readonly file: string;
  readonly retentionMs: number;
  readonly maxBytes: number;
  readonly intervalMs: number;
}

const lang = () => languageFromEnv(process.env);
const tr = (key: string, params?: Record<string, string | number>) =>
  translate(lang(), `timelineUi.cli.${key}`, params);
const note = (line: string) => process.stderr.write(`${escapeTerminalText(line)}\n`);

/** Parses the flags; throws INVALID_INPUT with a one-line reason. */
export function parseRecord(f: RecordFlags): RecordOptions {
  return {
    file: path.resolve(f.db ?? defaultRecording()),
    retentionMs: parseRetention(f.retention, 'retention'),
    maxBytes: parseByteSize(f.maxSize, 'max-size'),
    intervalMs: parseInterval(f.interval, 'interval'),
  };
}

/** `record --info` as text. */
export function renderInfo(i: TimelineInfo): string {
  const t = (key: string, params?: Record<string, string | number>) => tr(`info.${key}`, params);
  const w = i.writer;
  const rows: [string, string][] = [
    [t('file'), i.file],
    [t('host'), `${i.host} (${i.platform}, netinspect ${i.version})`],
    [t('created'), formatLocalTime(i.createdAt)],
    [t('range'), i.range ? `${formatLocalTime(i.range.from)} – ${formatLocalTime(i.range.to)}` : t('empty')],
    [t('size'), formatBytes(i.sizeBytes)],
    [t('rows'), t('rowsValue', i.rows)],
    [
      t('limits'),
      t('limitsValue', {
        retention: durationText(i.retentionMs),
        size: formatBytes(i.maxBytes),
        keyframe: durationText(i.keyframeEveryMs),
      }),
    ],
    [
      t('writer'),
      w === null
        ? t('none')
        : w.clean
          ? t('writerClean', { pid: w.pid, host: w.host })
          : t('writerOpen', { pid: w.pid, host: w.host, since: formatLocalTime(w.since) }),
    ],
    [
      t('gaps'),
      i.gaps.length === 0
        ? t('none')
        : i.gaps.map((g) => `${formatLocalTime(g.from)} – ${formatLocalTime(g.to)} (${g.reason})`).join('; '),
    ],
  ];
  // Two columns without a header: the table's first line is the first fact.
  return renderTextTable(rows[0], rows.slice(1));
}

/** Records until SIGINT/SIGTERM; refuses at once (exit 1) a file it cannot record into. */
async function runRecord(o: RecordOptions): Promise<void> {
  const core = openCore({
    settings: {
      refreshIntervalMs: o.intervalMs,
      record: true,
      recordRetentionMs: o.retentionMs,
      recordMaxBytes: o.maxBytes,
    },
    ticking: true,
    timeline: { record: o.file, strict: true },
  });
  const first = await core.call('timeline:status', {});
  if (first.error) {
    core.dispose();
    throw new AppError(first.error.code, first.error.message, first.error.params, first.error.key);
  }
  if (first.recoveredFrom) note(tr('recovered', { pid: first.recoveredFrom.pid, host: first.recoveredFrom.host }));
  let paused = false;
  const watcher: Client = {
    id: 'cli-record',
    send: (event, payload) => {
      if (event !== 'timeline:status') return;
      const s = payload as RecordingStatus;
      if (s.paused && !paused) note(tr('paused', { message: translate(lang(), s.paused.key, s.paused.params) }));
      if (!s.paused && paused) note(tr('resumed'));
      paused = s.paused !== null;
    },
  };
  core.subscribe(watcher, ['timeline:status']);
  note(
    tr('recording', {
      file: o.file,
      interval: durationText(o.intervalMs),
      retention: durationText(o.retentionMs),
      size: formatBytes(o.maxBytes),
    }),
  );
  const stop = (): void => {
    void core
      .call('timeline:status', {})
      .then((s) => {
        core.dispose();
        note(tr('stopped', { ticks: s.ticksWritten, size: formatBytes(s.sizeBytes) }));
      })
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // The first refresh now; the monitor's loop records every tick after it.
  await core.call('sockets:snapshot', {});
}

/** Registers `record` on the program. */
export function registerRecord(program: Command): void {
  dbOption(
    program
      .command('record')
      .description(
        'Record every tick (sockets, processes, closed connections, transitions, per-state counts) to a ' +
          'recording until Ctrl+C or SIGTERM; --info describes a recording instead',
      ),
    `the recording to write (default: the app's, ${path.join('<config dir>', RECORDING_FILE)})`,
  )
    .option('--retention <d>', 'drop data older than this: 12h, 7d, 30d (1h to 365d)', '7d')
    .option('--max-size <size>', 'keep the file under this size: 512MiB, 1GiB, 2GB', '1GiB')
    .option('--interval <d>', 'time between ticks (250ms to 10s)', '1s')
    .option('--info', "print the recording's host, range, size and row counts, then exit")
    .option('--json', 'with --info: print JSON (schema netinspect.recording/1)')
    .action(async (flags: RecordFlags) => {
      if (flags.info) {
        const info = await withRecording(flags.db, (core) => core.call('timeline:info', {}));
        process.stdout.write(
          `${flags.json ? jsonText({ schema: 'netinspect.recording/1', ...info }) : renderInfo(info)}\n`,
        );
        return;
      }
      await runRecord(parseRecord(flags));
    });
}
