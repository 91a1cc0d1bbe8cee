// Windows process details (image path, user, start time) per pid, cached and re-checked by creation time.
import type { ProcessInfo } from '../../../../shared/model/socket';
import { processUser } from '../../ffi/advapi32';
import {
  closeHandle,
  openProcess,
  processCreationTime,
  PROCESS_QUERY_LIMITED_INFORMATION,
  queryFullProcessImageName,
  Win32Error,
} from '../../ffi/kernel32';

/** Pids Windows reserves for kernel pseudo-processes that OpenProcess never opens. */
const PSEUDO: ReadonlyMap<number, string> = new Map([
  [0, 'System Idle Process'],
  [4, 'System'],
]);

/** FILETIME ticks (100 ns) between 1601-01-01 and 1970-01-01. */
const EPOCH_DIFF_TICKS = 116_444_736_000_000_000n;

/** ms since the Unix epoch of a FILETIME (100 ns ticks since 1601), or null for 0 (no time recorded). */
export function fileTimeToMs(ticks: bigint): number | null {
  if (ticks === 0n) return null;
  return Number((ticks - EPOCH_DIFF_TICKS) / 10_000n);
}

/** The executable's file name from a Win32 path (`C:\Program Files\x\app.exe` -> `app.exe`). */
export function imageName(path: string): string {
  const i = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
  return i < 0 ? path : path.slice(i + 1);
}

/** What a lookup found: details, a process we may not open, or one that is gone. */
export type ProcessLookup =
  { readonly kind: 'info'; readonly info: ProcessInfo } | { readonly kind: 'denied' } | { readonly kind: 'gone' };

/** ERROR_ACCESS_DENIED: the process exists but belongs to another user or is protected. */
const ERROR_ACCESS_DENIED = 5;

interface Cached {
  readonly created: bigint;
  readonly info: ProcessInfo;
}

/** ProcessInfo per pid; a pid whose creation time changed is a new process (pid reuse) and is read again. */
export class WinProcessCache {
  private readonly cache = new Map<number, Cached>();

  /** Details of `pid`. Opens the process each call, because only its creation time proves the pid not reused. */
  lookup(pid: number): ProcessLookup {
    const pseudo = PSEUDO.get(pid);
    if (pseudo !== undefined) {
      return {
        kind: 'info',
        info: { pid, name: pseudo, exe: null, cmdline: null, user: null, uid: null, startTime: null, ppid: null },
      };
    }
    let h: unknown;
    try {
      h = openProcess(PROCESS_QUERY_LIMITED_INFORMATION, pid);
    } catch (e) {
      this.cache.delete(pid);
      if (e instanceof Win32Error && e.code === ERROR_ACCESS_DENIED) return { kind: 'denied' };
      return { kind: 'gone' };
    }
    try {
      const created = processCreationTime(h);
      const hit = this.cache.get(pid);
      if (hit && hit.created === created) return { kind: 'info', info: hit.info };
      const exe = queryFullProcessImageName(h);
      const info: ProcessInfo = {
        pid,
        name: imageName(exe),
        exe,
        // Another process's command line lives in its PEB: not worth reading memory for a column.
        cmdline: null,
        user: userOf(h),
        uid: null,
        startTime: fileTimeToMs(created),
        // The parent needs a snapshot of every process (CreateToolhelp32Snapshot): not worth it per lookup.
        ppid: null,
      };
      this.cache.set(pid, { created, info });
      return { kind: 'info', info };
    } catch {
      // Opened but not queryable (exiting, or a protected process that grants the handle but not the data).
      return { kind: 'denied' };
    } finally {
      closeHandle(h);
    }
  }

  /** Forgets every pid not in `live`, so the cache tracks only processes that still own sockets. */
  retain(live: ReadonlySet<number>): void {
    for (const pid of this.cache.keys()) if (!live.has(pid)) this.cache.delete(pid);
  }
}

/** The owning user, or null where the token is not ours to read (services, other users without elevation). */
function userOf(h: unknown): string | null {
  try {
    return processUser(h);
  } catch {
    return null;
  }
}
