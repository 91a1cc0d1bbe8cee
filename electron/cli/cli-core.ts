// The CLI's door into core: one core per command with its collector in this process and settings in memory, typed
// calls through the contract's handlers, and sampling driven by the monitor's own refresh loop.
import type { Response } from '../../shared/contract';
import { keyedError } from '../../shared/logic/input-error';
import { AppError } from '../../shared/model/errors';
import type { Settings } from '../../shared/model/settings';
import { createCore, type Core } from '../core/app-core';
import type { Client } from '../core/client';
import type { TimelineOption } from '../core/timeline/timeline-service';

export interface CliCoreOptions {
  /** In-memory settings for this command (the user's stored settings are never read or written). */
  readonly settings?: Partial<Settings>;
  /** Keep the refresh loop running between calls (sampling, watch); one-shot commands refresh on demand. */
  readonly ticking?: boolean;
  /** The recording this command writes or reads (none by default). */
  readonly timeline?: TimelineOption;
  /** Only the table is read (list, who): no history, alerts, Connections log or traffic are kept. */
  readonly tableOnly?: boolean;
}

/** Core for one CLI command. */
export function openCore(o: CliCoreOptions = {}): Core {
  return createCore({
    configDir: null,
    settings: o.settings,
    host: 'cli',
    collector: 'in-process',
    // Commands that watch over time also hear what the kernel reports between refreshes.
    kernelEvents: o.ticking === true,
    background: o.ticking === true,
    timeline: o.timeline ?? null,
    analytics: o.tableOnly !== true,
  });
}

/** Runs `fn` with a core that is disposed afterwards, whatever happens. */
export async function withCore<T>(o: CliCoreOptions, fn: (core: Core) => Promise<T>): Promise<T> {
  const core = openCore(o);
  try {
    return await fn(core);
  } finally {
    core.dispose();
  }
}

/**
 * Takes `ticks` refreshes: the first now, the rest from the monitor's loop at the configured interval (a core
 * opened with `ticking`). History, ages and alerts come from exactly the code the app runs.
 */
export async function sample(core: Core, ticks: number): Promise<void> {
  await core.call('sockets:snapshot', {});
  if (ticks <= 1) return;
  let seen = 1;
  let last: number | null = null;
  await new Promise<void>((resolve, reject) => {
    const client: Client = {
      id: 'cli-sampler',
      send: (event, payload) => {
        if (event !== 'collector:status') return;
        const at = (payload as Response<'collector:status'>).lastTakenAt;
        if (at === null || at === last) return;
        last = at;
        if (++seen >= ticks) resolve();
      },
    };
    core.subscribe(client, ['collector:status']);
    core.call('collector:status', {}).then((s) => (last = s.lastTakenAt), reject);
  });
}

/**
 * The CLI never starts the privileged helper: where the OS refuses (NEEDS_ELEVATION), it says to use sudo with
 * `key`, instead of the window's "retry as administrator".
 */
export function sudoHint(e: unknown, key: string, params: Readonly<Record<string, number | string>> = {}): unknown {
  return e instanceof AppError && e.code === 'NEEDS_ELEVATION' ? keyedError(key, params, 'NEEDS_ELEVATION') : e;
}
