// Tests that need the state tracepoint mount tracefs when it is absent (as root only; the product never mounts
// anything), and unmount it again afterwards so the machine is left as it was.
import { execFileSync } from 'node:child_process';
import { findTracefs } from '../core/platform/linux/tracefs';

const MOUNT_POINT = '/sys/kernel/tracing';

/** tracefs's path after mounting it if needed, and the function that undoes this mount (a no-op if none). */
export function ensureTracefs(who: string): { path: string | null; release: () => void } {
  if (process.platform !== 'linux' || process.geteuid?.() !== 0) return { path: null, release: () => {} };
  if (findTracefs() !== null) return { path: findTracefs(), release: () => {} };
  console.log(`${who}: mounting tracefs at ${MOUNT_POINT} (not mounted; tests may mount it, and unmount it after)`);
  try {
    execFileSync('mount', ['-t', 'tracefs', 'nodev', MOUNT_POINT]);
  } catch {
    return { path: null, release: () => {} };
  }
  return {
    path: findTracefs(),
    release: () => {
      // Lazily: an instance another process still reads keeps the mount busy for a moment.
      try {
        execFileSync('umount', ['-l', MOUNT_POINT]);
      } catch {
        // Left mounted: harmless, and the next run finds it.
      }
    },
  };
}
