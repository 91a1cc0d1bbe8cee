// `netinspect kill <pid> [--force]`: ends a process with this user's rights (SIGTERM, then SIGKILL when forced).
import type { Command } from 'commander';
import { languageFromEnv, translate } from '../../shared/i18n/translate';
import { keyedError } from '../../shared/logic/input-error';
import { parsePid } from '../../shared/logic/socket-query';
import { AppError } from '../../shared/model/errors';
import type { KillResult } from '../../shared/model/actions';
import { createProcessActions } from '../core/process-actions';

interface KillFlags {
  force?: boolean;
  json?: boolean;
}

/** The line `kill` prints on success. */
export function killLine(r: Omit<KillResult, 'viaHelper'>, lang = languageFromEnv(process.env)): string {
  const ms = Math.round(r.elapsedMs);
  return translate(lang, r.outcome === 'killed' ? 'cli.killed' : 'cli.terminated', { pid: r.pid, ms });
}

/**
 * The CLI never starts the helper: where the OS refuses, it says to use sudo (NEEDS_ELEVATION, exit 1) instead of
 * the window's "retry as administrator".
 */
export function cliElevationError(e: unknown, key: string, params: Readonly<Record<string, number>>): unknown {
  return e instanceof AppError && e.code === 'NEEDS_ELEVATION' ? keyedError(key, params, 'NEEDS_ELEVATION') : e;
}

/** Registers `kill` on the program. */
export function registerKill(program: Command): void {
  program
    .command('kill')
    .description('End a process: SIGTERM, then with --force SIGKILL if it has not exited after 3 s')
    .argument('<pid>', 'process id')
    .option('--force', 'send SIGKILL when the process ignores SIGTERM')
    .option('--json', 'print the result as JSON')
    .action(async (pidText: string, flags: KillFlags) => {
      const pid = parsePid(pidText);
      // kill(2) takes a signed int: larger numbers would name process groups or fail.
      if (pid > 2 ** 31 - 1) throw keyedError('input.pidInvalid', { field: 'pid', value: pidText });
      let result: Omit<KillResult, 'viaHelper'>;
      try {
        result = await createProcessActions().kill({ pid, force: flags.force === true });
      } catch (e) {
        throw cliElevationError(e, 'cli.killNeedsSudo', { pid });
      }
      process.stdout.write(`${flags.json ? JSON.stringify({ ...result, viaHelper: false }) : killLine(result)}\n`);
    });
}
