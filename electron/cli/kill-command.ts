// `netinspect kill <pid> [--force]`: ends a process with this user's rights (SIGTERM, then SIGKILL when forced).
import type { Command } from 'commander';
import { languageFromEnv, translate } from '../../shared/i18n/translate';
import { keyedError } from '../../shared/logic/input-error';
import { parsePid } from '../../shared/logic/socket-query';
import type { KillResult } from '../../shared/model/actions';
import { sudoHint, withCore } from './cli-core';

interface KillFlags {
  force?: boolean;
  json?: boolean;
}

/** The line `kill` prints on success. */
export function killLine(r: Omit<KillResult, 'viaHelper'>, lang = languageFromEnv(process.env)): string {
  const ms = Math.round(r.elapsedMs);
  return translate(lang, r.outcome === 'killed' ? 'cli.killed' : 'cli.terminated', { pid: r.pid, ms });
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
      const result = await withCore({}, (core) =>
        core.call('process:kill', { pid, force: flags.force === true }),
      ).catch((e: unknown) => {
        throw sudoHint(e, 'cli.killNeedsSudo', { pid });
      });
      process.stdout.write(`${flags.json ? JSON.stringify(result) : killLine(result)}\n`);
    });
}
