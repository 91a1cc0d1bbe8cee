// `netinspect stats`, `diagnose` and `watch`: flags parsed here, sampled and answered by core's own loop and handlers.
import type { Command } from 'commander';
import { languageFromEnv, translate } from '../../shared/i18n/translate';
import { parseCount, parseInterval, parsePercent, parseWindow } from '../../shared/logic/duration';
import { jsonText } from '../../shared/logic/terminal-text';
import { parseThresholdDuration, parseThresholdNumber, parseWatchPorts } from '../../shared/logic/watch-input';
import { DEFAULT_THRESHOLDS, type Alert, type AlertThresholds } from '../../shared/model/alerts';
import { MAX_SAMPLE_TICKS, MAX_SERIES_POINTS } from '../../shared/model/history';
import type { StatsWindow } from '../../shared/model/stats-window';
import type { Client } from '../core/client';
import { renderAlert, renderDiagnosis, renderStats } from './analytics-render';
import { openCore, sample, withCore } from './cli-core';
import { formatLocalTime } from '../../shared/logic/time-parse';
import { DB_HELP, parseTimeWindow, wantsPast, withRecording } from './timeline-cli';

const lang = () => languageFromEnv(process.env);
const note = (line: string) => process.stderr.write(`${line}\n`);
const out = (line: string) => process.stdout.write(`${line}\n`);

/** Flags every sampling command shares. */
interface SamplingFlags {
  json?: boolean;
  interval: string;
  ticks: string;
}

/** Validated sampling options. */
export interface Sampling {
  readonly json: boolean;
  /** Time between ticks (ms). */
  readonly intervalMs: number;
  readonly ticks: number;
}

/** Parses the shared sampling flags; throws INVALID_INPUT with a translated line. */
export function parseSampling(f: SamplingFlags): Sampling {
  return {
    json: f.json === true,
    intervalMs: parseInterval(f.interval, 'interval'),
    ticks: parseCount(f.ticks, 'ticks', 2, MAX_SAMPLE_TICKS),
  };
}

interface WatchFlags {
  json?: boolean;
  interval: string;
  closeWait?: string;
  closeWaitAge?: string;
  timeWait?: string;
  ephemeral?: string;
  rate?: string;
  failedConnects?: string;
}

/** Parses `watch` arguments into ports, thresholds (defaults where not given) and the tick interval. */
export function parseWatch(
  ports: readonly string[],
  f: WatchFlags,
): { ports: number[]; thresholds: AlertThresholds; intervalMs: number; json: boolean } {
  const t = DEFAULT_THRESHOLDS;
  return {
    ports: parseWatchPorts(ports),
    intervalMs: parseInterval(f.interval, 'interval'),
    json: f.json === true,
    // The bounds are the alert schema's, the ones settings:set enforces for the window.
    thresholds: {
      closeWaitCount:
        f.closeWait === undefined
          ? t.closeWaitCount
          : parseThresholdNumber(f.closeWait, 'close-wait', 'closeWaitCount'),
      closeWaitAgeMs:
        f.closeWaitAge === undefined
          ? t.closeWaitAgeMs
          : parseThresholdDuration(f.closeWaitAge, 'close-wait-age', 'closeWaitAgeMs'),
      timeWaitCount:
        f.timeWait === undefined ? t.timeWaitCount : parseThresholdNumber(f.timeWait, 'time-wait', 'timeWaitCount'),
      ephemeralUsagePct: f.ephemeral === undefined ? t.ephemeralUsagePct : parsePercent(f.ephemeral, 'ephemeral'),
      newConnectionsPerSec:
        f.rate === undefined ? t.newConnectionsPerSec : parseThresholdNumber(f.rate, 'rate', 'newConnectionsPerSec'),
      failedConnectsPerMinute:
        f.failedConnects === undefined
          ? t.failedConnectsPerMinute
          : parseThresholdNumber(f.failedConnects, 'failed-connects', 'failedConnectsPerMinute'),
    },
  };
}

const SAMPLING_NOTE =
  'Runs the collector in this process for a short sampling window (--ticks snapshots, --interval apart; history ' +
  'and ages start when the command starts). The app (`netinspect serve` or the window) keeps history for 24 h.';

/** Registers `stats`, `diagnose` and `watch`. */
export function registerAnalytics(program: Command): void {
  program
    .command('stats')
    .description(`Sockets per state, churn and state transitions. ${SAMPLING_NOTE}`)
    .option('--window <w>', 'history window: 60s, 10m, 1h or 24h', '10m')
    .option('--json', 'print JSON (schema netinspect.stats/1)')
    .option('--interval <d>', 'time between snapshots (e.g. 500ms, 1s)', '1s')
    .option('--ticks <n>', `snapshots to take (2-${MAX_SAMPLE_TICKS})`, '3')
    .option('--since <time>', 'a recorded window instead: from this time (ISO 8601, HH:MM[:SS] today, or -10m)')
    .option('--until <time>', 'a recorded window: to this time (with --since)')
    .option('--db <file>', DB_HELP)
    .action(async (flags: SamplingFlags & { window: string } & PastFlags) => {
      if (wantsPast(flags) || flags.db !== undefined) return runPastStats(flags);
      const window: StatsWindow = parseWindow(flags.window);
      const s = parseSampling(flags);
      if (!s.json) note(translate(lang(), 'stats.sampling', { ticks: s.ticks, ms: s.intervalMs }));
      const { series, transitions } = await withCore(
        { settings: { refreshIntervalMs: s.intervalMs }, ticking: true },
        async (core) => {
          await sample(core, s.ticks);
          return {
            series: await core.call('stats:series', { window, maxPoints: MAX_SERIES_POINTS }),
            transitions: await core.call('stats:transitions', { window }),
          };
        },
      );
      out(
        s.json
          ? jsonText({ schema: 'netinspect.stats/1', series, transitions })
          : renderStats(lang(), series, transitions),
      );
    });
  program
    .command('diagnose')
    .description(
      `CLOSE_WAIT, TIME_WAIT, ephemeral ports, listen queues, SYN floods, retransmissions, kernel settings. ${SAMPLING_NOTE}`,
    )
    .option('--json', 'print JSON (schema netinspect.diagnosis/1)')
    .option('--interval <d>', 'time between snapshots (e.g. 500ms, 1s)', '1s')
    .option('--ticks <n>', `snapshots to take (2-${MAX_SAMPLE_TICKS})`, '2')
    .action(async (flags: SamplingFlags) => {
      const s = parseSampling(flags);
      const d = await withCore({ settings: { refreshIntervalMs: s.intervalMs }, ticking: true }, async (core) => {
        await sample(core, s.ticks);
        return core.call('diagnosis:findings', {});
      });
      out(s.json ? jsonText({ schema: 'netinspect.diagnosis/1', ...d }) : renderDiagnosis(lang(), d));
    });
  program
    .command('watch')
    .description(
      "Watch ports' listeners and alert thresholds; prints one line per alert raised or cleared until Ctrl+C (exit 0)",
    )
    .argument('<port...>', 'ports whose listener to watch')
    .option('--close-wait <n>', `CLOSE_WAIT sockets per process (default ${DEFAULT_THRESHOLDS.closeWaitCount})`)
    .option('--close-wait-age <d>', 'age of the oldest CLOSE_WAIT socket per process (default 60s)')
    .option('--time-wait <n>', `TIME_WAIT sockets on the host (default ${DEFAULT_THRESHOLDS.timeWaitCount})`)
    .option(
      '--ephemeral <pct>',
      `ephemeral ports used towards one endpoint, percent (default ${DEFAULT_THRESHOLDS.ephemeralUsagePct})`,
    )
    .option('--rate <n>', `new connections per second (default ${DEFAULT_THRESHOLDS.newConnectionsPerSec})`)
    .option(
      '--failed-connects <n>',
      `failed connects per minute to one destination by one process (default ${DEFAULT_THRESHOLDS.failedConnectsPerMinute})`,
    )
    .option('--interval <d>', 'time between snapshots', '1s')
    .option('--json', 'print each alert as one JSON line')
    .action(async (ports: string[], flags: WatchFlags) => {
      await runWatch(parseWatch(ports, flags));
    });
}

/** The flags of a recorded window. */
interface PastFlags {
  since?: string;
  until?: string;
  db?: string;
  json?: boolean;
}

/** `stats --since --until`: the recorded window's series and transitions, as text or JSON. */
async function runPastStats(f: PastFlags): Promise<void> {
  const { since, until } = parseTimeWindow(f);
  const { series, transitions } = await withRecording(f.db, (core) =>
    core.call('timeline:stats', { since, until, maxPoints: MAX_SERIES_POINTS }),
  );
  const name = `${formatLocalTime(since)} – ${formatLocalTime(until)}`;
  out(
    f.json
      ? jsonText({ schema: 'netinspect.stats/1', series, transitions })
      : renderStats(lang(), { ...series, window: name }, transitions),
  );
}

/** Ticks until SIGINT/SIGTERM (exit 0), printing one line per alert raised or cleared. */
async function runWatch(o: ReturnType<typeof parseWatch>): Promise<void> {
  const core = openCore({
    settings: { refreshIntervalMs: o.intervalMs, watchedPorts: o.ports, alertThresholds: o.thresholds },
    ticking: true,
  });
  const printer: Client = {
    id: 'cli-watch',
    send: (event, payload) => {
      if (event !== 'alert:raised' && event !== 'alert:cleared') return;
      const a = payload as Alert;
      out(o.json ? jsonText({ event, ...a }) : renderAlert(lang(), event, a));
    },
  };
  core.subscribe(printer, ['alert:raised', 'alert:cleared']);
  note(translate(lang(), 'alerts.watching', { ports: o.ports.join(', '), ms: o.intervalMs }));
  const stop = (): void => {
    core.dispose();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // The first refresh now; the monitor's loop takes it from there.
  await core.call('sockets:snapshot', {});
}
