// A small tmpfs on a temporary folder, for recording tests of a disk that fills up (root on Linux only).
import { execFileSync } from 'node:child_process';
import { tempDir } from './temp-files';

const mounted: string[] = [];

/** Mounts a tmpfs of `size` (mount's notation: '4m') on a new temp folder: that folder, or null and why not. */
export function mountTmpfs(size: string): { dir: string | null; why: string } {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return { dir: null, why: 'needs root on Linux' };
  const dir = tempDir();
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' });
    mounted.push(dir);
    return { dir, why: '' };
  } catch (e) {
    return { dir: null, why: `mount -t tmpfs failed: ${(e as Error).message}` };
  }
}

/** Unmounts every tmpfs `mountTmpfs` mounted (before `removeTempDirs` removes their folders). */
export function unmountTmpfs(): void {
  // Lazy: libsql closes a connection's files only once its statements are garbage-collected.
  for (const dir of mounted.splice(0)) execFileSync('umount', ['-l', dir]);
}
