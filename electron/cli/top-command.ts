// `netinspect top`: a refreshing per-process table of bytes/s and bytes, like nethogs without packet capture; with
// --json one object per interval. Each interval is one refresh of core's own loop (a ticking core: kernel destroy
// events on, so connections that close between refreshes still count, by their final counters).
import type { Command } from 'commander';
import { languageFromEnv } from '../../shared/i18n/translate';
import { parseCount, parseInterval } from '../../shared/logic/duration';
import { keyedError } from '../../shared/logic/input-error';
import { jsonText } from '../../shared/logic/terminal-text';
import { TOP_SORTS, topJson, type TopSort } from '../../shared/logic/traffic/top-rows';
import { MAX_SAMPLE_TICKS } from '../../shared/model/history';
import type { CollectorStatus } from '../../shared/model/snapshot';
import type { Client } from '../core/client';
import { openCore } from './cli-core';
import { EXIT_OK } from './exit-codes';
import { renderTop } from './top-render';

interface TopFlags {
  json?: boolean;
  interval: string;
  count?: string;
  sort: string;
}

/** Validated `top` options. */
export interface TopOptions {
  readonly json: boolean;
  /** Time between refreshes (ms). */
  readonly intervalMs: number;
  /** Intervals to print before exiting, or null to run until interrupted. */
  readonly count: number | null;
  readonly sort: TopSort;
}

/** Parses the flags; throws INVALID_INPUT with a translated line. */
export function parseTop(f: TopFlags): TopOptions {
  const sort = f.sort.toLowerCase();
  if (!(TOP_SORTS as readonly string[]).includes(sort)) {
    throw keyedError('top.sortUnknown', { value: f.sort, allowed: TOP_SORTS.join(', ') });
  }
  return {
    json: f.json === true,
    intervalMs: parseInterval(f.interval, 'interval'),
    count: f.count === undefined ? null : parseCount(f.count, 'count', 1, MAX_SAMPLE_TICKS),
    sort: sort as TopSort,
  };
}

/** Clears a terminal and homes its cursor, so each interval redraws in place. */
const CLEAR = '\x1b[H\x1b[2J';

/** Runs until `count` intervals were printed, SIGINT/SIGTERM, or stdout closed: every way out exits 0. */
async function runTop(o: TopOptions): Promise<void> {
  const core = openCore({ settings: { refreshIntervalMs: o.intervalMs }, ticking: true });
  const tty = !o.json && process.stdout.isTTY === true;
  let printed = 0;
  let last: number | null = null;
  let busy = false;
  let done = false;
  const finish = (): void => {
    if (done) return;
    done = true;
    core.dispose();
    process.exit(EXIT_OK);
  };
  // `top | head` closes the pipe: that is the reader's way of saying "enough", not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') finish();
    else throw e;
  });
  process.once('SIGINT', finish);
  process.once('SIGTERM', finish);
  const print = async (): Promise<void> => {
    busy = true;
    try {
      const list = await core.call('processes:traffic', {});
      // The first refresh only sets the baseline: there is no interval to give a rate over yet.
      if (done || list.intervalMs <= 0) return;
      if (o.json) {
        process.stdout.write(`${jsonText(topJson(list, o.sort))}\n`);
      } else {
        const rows = tty ? Math.max(3, (process.stdout.rows ?? 24) - 12) : Infinity;
        const text = renderTop(languageFromEnv(process.env), list, o.sort, o.intervalMs, rows);
        process.stdout.write(tty ? `${CLEAR}${text}\n` : `${text}\n\n`);
      }
      if (o.count !== null && ++printed >= o.count) finish();
    } finally {
      busy = false;
    }
  };
  const watcher: Client = {
    id: 'cli-top',
    send: (event, payload) => {
      if (event !== 'collector:status') return;
      const at = (payload as CollectorStatus).lastTakenAt;
      // One print per refresh; a print still running when the next refresh lands skips that one.
      if (at === null || at === last || busy) return;
      last = at;
      void print();
    },
  };
  core.subscribe(watcher, ['collector:status']);
  // The first refresh now (the baseline); the monitor's loop takes it from there.
  await core.call('sockets:snapshot', {});
}

/** Registers `top`. */
export function registerTop(program: Command): void {
  program
    .command('top')
    .description(
      'Bytes per second and bytes per process, refreshing like nethogs (TCP payload from tcp_info, no packet capture); ' +
        'Ctrl+C exits',
    )
    .option('--json', 'print one JSON object per interval, each on its own line')
    .option('--interval <d>', 'time between refreshes (250ms to 10s)', '1s')
    .option('--count <n>', `stop after this many intervals (1-${MAX_SAMPLE_TICKS}); default: until interrupted`)
    .option('--sort <by>', `order: ${TOP_SORTS.join(', ')}`, 'rate')
    .action(async (flags: TopFlags) => {
      await runTop(parseTop(flags));
    });
}
