// The `netinspect` command: one program, one file per command; failures print one line and set the exit code.
import { Command, CommanderError } from 'commander';
import { languageFromEnv, translate } from '../../shared/i18n/translate';
import { AppError } from '../../shared/model/errors';
import { keyedError } from '../../shared/logic/input-error';
import { escapeControls } from '../../shared/logic/terminal-text';
import { APP_VERSION } from '../core/version';
import { registerClose } from './close-command';
import { registerClosed } from './closed-command';
import { EXIT_FAILURE, EXIT_USAGE } from './exit-codes';
import { registerKill } from './kill-command';
import { registerAnalytics } from './analytics-commands';
import { registerList } from './list-command';
import { registerServe } from './serve-command';
import { registerAdapters } from './adapters-command';
import { registerReport } from './report-command';
import { registerTools } from './tools-commands';
import { registerExporter } from './exporter-command';
import { registerTop } from './top-command';
import { registerRecord } from './record-command';

/** Builds the program (exported for tests of --help and parsing). */
export function buildProgram(): Command {
  const program = new Command()
    .name('netinspect')
    .description('Every TCP/UDP socket on this machine, its state and owning process.')
    .version(APP_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerList(program);
  registerServe(program);
  registerAnalytics(program);
  registerKill(program);
  registerClose(program);
  registerAdapters(program);
  registerTools(program);
  registerReport(program);
  registerExporter(program);
  registerTop(program);
  registerClosed(program);
  registerRecord(program);
  return program;
}

function fail(e: unknown): never {
  if (e instanceof CommanderError) {
    // Commander already printed its message; help and --version are not failures.
    process.exit(
      e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help'
        ? 0
        : EXIT_USAGE,
    );
  }
  const lang = languageFromEnv(process.env);
  const text = e instanceof Error ? e.message : String(e);
  const message = e instanceof AppError && e.key ? translate(lang, e.key, e.params, text) : text;
  process.stderr.write(`${escapeControls(translate(lang, 'cli.error', { message }))}\n`);
  process.exit(e instanceof AppError && e.code === 'INVALID_INPUT' ? EXIT_USAGE : EXIT_FAILURE);
}

// A reader that stopped reading (`| head`) ends the command quietly, as ss and cat do; output that cannot be written
// (a full disk) ends it with a line that says so and exit code 1, never a stack trace. Only for commands with no
// handler of their own (`closed`, `top` stop their core first): this one is registered before any of theirs.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (process.stdout.listenerCount('error') > 1) return;
  if (e.code === 'EPIPE') process.exit(0);
  fail(keyedError('cli.outputFailed', { reason: e.message }, 'REFUSED'));
});
buildProgram().parseAsync(process.argv).catch(fail);
