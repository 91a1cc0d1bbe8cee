// `netinspect stats`, `diagnose` and `watch`: flags parsed here (pure, cheap); the work loads only when one runs.
import type { Command } from 'commander';
import { parseCount, parseInterval, parsePercent, parseWindow } from '../../shared/logic/duration';
import { parseThresholdDuration, parseThresholdNumber, parseWatchPorts } from '../../shared/logic/watch-input';
import { MAX_SAMPLE_TICKS } from '../../shared/model/history';
import { DEFAULT_THRESHOLDS, type AlertThresholds } from '../../shared/model/alert-thresholds';
import type { StatsWindow } from '../../shared/model/stats-window';

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
    .action(async (flags: SamplingFlags & { window: string }) => {
      const window: StatsWindow = parseWindow(flags.window);
      const sampling = parseSampling(flags);
      const { runStats } = await import('./analytics-run');
      await runStats(window, sampling);
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
      const sampling = parseSampling(flags);
      const { runDiagnose } = await import('./analytics-run');
      await runDiagnose(sampling);
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
    .option('--interval <d>', 'time between snapshots', '1s')
    .option('--json', 'print each alert as one JSON line')
    .action(async (ports: string[], flags: WatchFlags) => {
      const options = parseWatch(ports, flags);
      const { runWatch } = await import('./analytics-run');
      await runWatch(options);
    });
}
