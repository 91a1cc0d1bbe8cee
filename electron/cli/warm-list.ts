// `netinspect list` answered by a running netinspect before the CLI bundle loads: the launcher tries this small
// bundle first, so a warm answer costs Node's start-up and the socket, not the collector, the database and zod.
import { languageFromEnv } from '../../shared/i18n/locale';
import { translate } from '../../shared/i18n/translate';
import { AppError } from '../../shared/model/app-error';
import { EXIT_FAILURE } from './exit-codes';
import { escapeControls } from '../../shared/logic/terminal-text';
import { listFromRunningTable, type PieceSink } from '../core/table-service/table-client';
import type { TableRequest } from '../core/table-service/table-server';

/** `list`'s flags that a running netinspect can answer (the rest need this process: --at, --resolve, --cold). */
export interface WarmListFlags {
  json?: boolean;
  csv?: boolean;
  proto?: string;
  state?: string;
  port?: string;
  portRange?: string;
  pid?: string;
}

/** The request for the table service; the service parses the flags again with the same rules as the command. */
export function tableListRequest(
  f: WarmListFlags,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Omit<TableRequest, 'v' | 'token'> {
  const { proto, state, port, portRange, pid } = f;
  return {
    op: 'list',
    flags: { proto, state, port, portRange, pid },
    json: f.json === true,
    csv: f.csv === true,
    lang: languageFromEnv(env),
  };
}

const VALUE_FLAGS: Readonly<Record<string, 'proto' | 'state' | 'port' | 'portRange' | 'pid'>> = {
  '--proto': 'proto',
  '--state': 'state',
  '--port': 'port',
  '--port-range': 'portRange',
  '--pid': 'pid',
};

/**
 * `list`'s flags when the arguments after `list` hold nothing but what the table service answers, spelled as the
 * command's parser takes them (`--port 80`, `--port=80`; the last one counts); null for anything else, which the
 * whole command then handles (help, errors, --cold, --at, an unknown flag).
 */
export function warmListFlags(args: readonly string[]): WarmListFlags | null {
  const f: WarmListFlags = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json' || arg === '--csv') {
      f[arg === '--json' ? 'json' : 'csv'] = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    const key = Object.hasOwn(VALUE_FLAGS, name) ? VALUE_FLAGS[name] : undefined;
    if (key === undefined) return null;
    const value = eq < 0 ? args[++i] : arg.slice(eq + 1);
    if (value === undefined) return null;
    f[key] = value;
  }
  if (f.json && f.csv) return null;
  return f;
}

/** Whether the launcher's fast path already asked (then the command does not ask a second time). */
const TRIED = Symbol.for('netinspect.warmListTried');

export function warmListTried(): boolean {
  return (globalThis as Record<symbol, unknown>)[TRIED] === true;
}

/**
 * Answers `list <args>` from this user's running netinspect; resolves false, having printed nothing, when the
 * arguments need the whole command or nothing runs that can answer.
 */
export async function answerList(args: readonly string[], out: PieceSink = process.stdout): Promise<boolean> {
  const flags = warmListFlags(args);
  if (flags === null) return false;
  (globalThis as Record<symbol, unknown>)[TRIED] = true;
  return listFromRunningTable(tableListRequest(flags), out);
}

/** One line on stderr, in the user's language, as the whole command prints its failures. */
function printError(e: unknown): void {
  const lang = languageFromEnv(process.env);
  const text = e instanceof Error ? e.message : String(e);
  const message = e instanceof AppError && e.key ? translate(lang, e.key, e.params, text) : text;
  process.stderr.write(`${escapeControls(translate(lang, 'cli.error', { message }))}\n`);
}

/** The launcher's entry: answers `list` or hands the arguments back to the whole command; exits on a cut answer. */
export function runWarmList(args: readonly string[], whole: () => void): void {
  // A reader that stopped reading (`| head`) ends the command quietly, as in the whole command; output that cannot
  // be written (a full disk) ends it with a line that says so.
  const onError = (e: NodeJS.ErrnoException): void => {
    if (e.code === 'EPIPE') process.exit(0);
    // Built here, not with keyedError: that module brings zod, which this small client does without.
    const params = { reason: e.message };
    printError(new AppError('REFUSED', translate('en', 'cli.outputFailed', params), params, 'cli.outputFailed'));
    process.exit(EXIT_FAILURE);
  };
  process.stdout.on('error', onError);
  answerList(args).then(
    (answered) => {
      if (answered) return;
      process.stdout.off('error', onError);
      whole();
    },
    (e: unknown) => {
      printError(e);
      process.exitCode = EXIT_FAILURE;
    },
  );
}
