// The one command line handed to the elevation prompt: fixed parts only, each quoted for the shell that reads it.
import { keyedError } from '../../../shared/logic/input-error';

/** Everything the command is made of; none of it comes from the user (paths of the install and of the session). */
export interface HelperCommandParts {
  readonly platform: NodeJS.Platform;
  /** The Node or Electron binary (process.execPath). */
  readonly binary: string;
  /** The helper's entry (out/node/helper.cjs). */
  readonly script: string;
  /** The 0600 token file in the fresh session directory. */
  readonly tokenFile: string;
}

/**
 * Characters refused in any part. On Linux @vscode/sudo-prompt wraps the command in `bash -c "..."` run by /bin/sh
 * and escapes only `"`, so `$`, backtick and backslash would still be expanded by the outer shell; on Windows the
 * command lands in a .bat file where `%` expands even inside quotes. A path holding one of these is refused, never
 * escaped half-way.
 */
const UNSAFE_POSIX = /[$`\\"\n\r\0]/;
const UNSAFE_WIN32 = /["%\n\r\0]/;

/** POSIX single quotes: nothing inside is special except `'` itself, written as '\''. */
function quotePosix(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function isAbsolute(platform: NodeJS.Platform, p: string): boolean {
  return platform === 'win32' ? /^[A-Za-z]:\\/.test(p) || p.startsWith('\\\\') : p.startsWith('/');
}

/**
 * `ELECTRON_RUN_AS_NODE=1 '<binary>' '<script>' '<token file>'` (POSIX) or the cmd.exe equivalent. The variable is
 * set inside the command because pkexec clears the environment; Node ignores it. Throws NOT_SUPPORTED
 * (`privilege.unsafePath`) when a path cannot be quoted safely.
 */
export function buildHelperCommand(parts: HelperCommandParts): string {
  const { platform } = parts;
  const values = [parts.binary, parts.script, parts.tokenFile];
  for (const value of values) {
    const unsafe = platform === 'win32' ? UNSAFE_WIN32 : UNSAFE_POSIX;
    if (!value || unsafe.test(value) || !isAbsolute(platform, value)) {
      throw keyedError('privilege.unsafePath', { path: JSON.stringify(value) }, 'NOT_SUPPORTED');
    }
  }
  if (platform === 'win32') {
    // `set "NAME=value"` keeps cmd from appending the space before && to the value.
    return `set "ELECTRON_RUN_AS_NODE=1" && ${values.map((v) => `"${v}"`).join(' ')}`;
  }
  return `ELECTRON_RUN_AS_NODE=1 ${values.map(quotePosix).join(' ')}`;
}
