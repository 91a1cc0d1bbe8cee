// Starting the helper elevated: through @vscode/sudo-prompt in the app, through a plain spawn in tests.
import { createRequire } from 'node:module';
import { keyedError } from '../../../shared/logic/input-error';
import type { AppError } from '../../../shared/model/errors';

/**
 * Runs `command` elevated. `onExit` fires once, when the command ends: with an AppError when the prompt was
 * refused or could not be shown, or with the exit error / null once an already running helper ends.
 */
export type Launcher = (command: string, onExit: (error: AppError | null) => void) => void;

/** sudo-prompt's own messages (index.js): the only way it tells a refused prompt from a failed command. */
const PERMISSION_DENIED = 'User did not grant permission.';
const NO_POLKIT_AGENT = 'No polkit authentication agent found.';

/** Maps sudo-prompt's error to the keyed error the user sees. */
export function launchError(e: Error): AppError {
  if (e.message === PERMISSION_DENIED) return keyedError('privilege.cancelled', {}, 'EPERM');
  if (e.message === NO_POLKIT_AGENT) return keyedError('privilege.noAgent', {}, 'NOT_SUPPORTED');
  return keyedError('privilege.launchFailed', { message: e.message.slice(0, 200) }, 'INTERNAL');
}

/** The real launcher: the OS's password prompt (pkexec/kdesudo, the macOS applet, UAC). */
export function sudoPromptLauncher(): Launcher {
  return (command, onExit) => {
    // The callback fires only when the helper exits (sudo-prompt collects its output until then), so it is never
    // awaited: the broker waits for the helper's socket instead.
    // Loaded on first elevation only: every other command (and most app sessions) never needs it.
    const { exec } = createRequire(__filename)('@vscode/sudo-prompt') as typeof import('@vscode/sudo-prompt');
    exec(command, { name: 'netinspect' }, (error) => onExit(error ? launchError(error) : null));
  };
}
