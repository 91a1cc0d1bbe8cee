// Running a command as the unprivileged user nobody (uid/gid 65534, no groups, no capabilities), for tests of what
// netinspect does without rights: EPERM, hidden owners, NEEDS_ELEVATION.
import { execFileSync } from 'node:child_process';

/** The command prefix: `setpriv ... --` then the command to run as nobody. */
export const NOBODY = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--inh-caps=-all', '--'];

/** True when this process can drop to nobody (root, with setpriv installed). */
export function canRunAsNobody(): boolean {
  try {
    execFileSync('setpriv', ['--version'], { stdio: 'ignore' });
    return process.getuid?.() === 0;
  } catch {
    return false;
  }
}
