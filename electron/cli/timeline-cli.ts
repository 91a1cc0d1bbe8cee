// What every command that reads a recording shares: the --db flag and its default file, TIME windows, and a core
// that reads the recording (following it while another process records into it).
import path from 'node:path';
import type { Command } from 'commander';
import { keyedError } from '../../shared/logic/input-error';
import { parseTime } from '../../shared/logic/time-parse';
import { defaultConfigDir } from '../core/config-dir';
import type { Core } from '../core/app-core';
import { checkWindow } from '../core/timeline/timeline-handlers';
import type { TimelineOption } from '../core/timeline/timeline-service';
import { withCore } from './cli-core';

/** Name of the recording file in the config dir: where the app and `serve` record, and the CLI reads by default. */
export const RECORDING_FILE = 'timeline.sqlite';

/** The recording the app records into: `<config dir>/timeline.sqlite`. */
export function defaultRecording(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(defaultConfigDir(env), RECORDING_FILE);
}

/** Help of `--db FILE` on commands that read a recording. */
export const DB_HELP = `the recording to read (default: the app's, ${path.join('<config dir>', RECORDING_FILE)})`;

/** Adds `--db FILE` to a command. */
export function dbOption(cmd: Command, help = DB_HELP): Command {
  return cmd.option('--db <file>', help);
}

/** The flags that say when, for a recorded window. */
export const WINDOW_FLAGS = '--since TIME --until TIME';
/** The flag that says when, for a recorded table. */
export const AT_FLAGS = '--at TIME';

/** Refuses `--db FILE` given without a time: it names the recording, and `flags` (e.g. WINDOW_FLAGS) say when. */
export function dbNeedsTime(flags: string): Error {
  return keyedError('timelineUi.error.dbNeedsTime', { flags });
}

/** A recorded window from --since and --until (both TIME), checked: both given, in order. */
export function parseTimeWindow(
  f: { readonly since?: string; readonly until?: string; readonly db?: string },
  now = Date.now(),
): { since: number; until: number } {
  if (f.since === undefined && f.until === undefined && f.db !== undefined) throw dbNeedsTime(WINDOW_FLAGS);
  if (f.since === undefined || f.until === undefined) {
    const [given, missing] = f.since === undefined ? ['--until', '--since'] : ['--since', '--until'];
    throw keyedError('timelineUi.error.bothTimes', { given, missing });
  }
  const since = parseTime(f.since, now, 'since');
  const until = parseTime(f.until, now, 'until');
  checkWindow(since, until);
  return { since, until };
}

/** True when any of the past flags was given. */
export function wantsPast(f: { readonly since?: string; readonly until?: string; readonly at?: string }): boolean {
  return f.since !== undefined || f.until !== undefined || f.at !== undefined;
}

/** Runs `fn` with a core reading the recording `file` (default: the app's), disposed afterwards. */
export function withRecording<T>(file: string | undefined, fn: (core: Core) => Promise<T>): Promise<T> {
  return withCore({ timeline: { follow: path.resolve(file ?? defaultRecording()) } }, fn);
}

/** The timeline of `serve`: records into the app's file, or follows --db, or opens --open (one of them). */
export function serveTimeline(f: { readonly db?: string; readonly open?: string }, env = process.env): TimelineOption {
  if (f.db !== undefined && f.open !== undefined) throw keyedError('timelineUi.error.dbOrOpen');
  if (f.db !== undefined) return { follow: path.resolve(f.db) };
  if (f.open !== undefined) return { open: path.resolve(f.open) };
  return { record: defaultRecording(env) };
}
