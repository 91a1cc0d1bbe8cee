// Per-process details (name, exe, cmdline, user, start time) from /proc, cached per pid and start time.
import { readFileSync, readlinkSync } from 'node:fs';
import type { ProcessInfo } from '../../../../shared/model/socket';

/** USER_HZ: /proc/<pid>/stat counts start time in these ticks; 100 on every mainstream Linux build. */
const TICKS_PER_SECOND = 100;

/** Field 22 (starttime, clock ticks since boot) of /proc/<pid>/stat text, or null. */
export function parseStatStartTicks(stat: string): number | null {
  // comm (field 2) may contain spaces and parentheses: count fields after its last ')'.
  const close = stat.lastIndexOf(')');
  if (close < 0) return null;
  const fields = stat.slice(close + 2).split(' ');
  const v = Number(fields[22 - 3]);
  return fields.length > 19 && Number.isFinite(v) ? v : null;
}

/** Field 4 (ppid) of /proc/<pid>/stat text, or null. */
export function parseStatPpid(stat: string): number | null {
  const close = stat.lastIndexOf(')');
  if (close < 0) return null;
  const ppid = Number(stat.slice(close + 2).split(' ')[1]);
  return Number.isInteger(ppid) && ppid >= 0 ? ppid : null;
}

/** The effective uid from /proc/<pid>/status ("Uid:\treal\teffective\tsaved\tfs"), or null. */
export function parseStatusUid(status: string): number | null {
  const m = /^Uid:\s+\d+\s+(\d+)/m.exec(status);
  return m ? Number(m[1]) : null;
}

/** Boot time (s since epoch) from /proc/stat's `btime` line, or null. */
export function parseBootTime(stat: string): number | null {
  const m = /^btime\s+(\d+)/m.exec(stat);
  return m ? Number(m[1]) : null;
}

/** uid -> user name from /etc/passwd text (first entry wins, as getpwuid does). */
export function parsePasswd(text: string): Map<number, string> {
  const users = new Map<number, string>();
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length < 3 || f[0] === '' || line.startsWith('#')) continue;
    const uid = Number(f[2]);
    if (Number.isInteger(uid) && !users.has(uid)) users.set(uid, f[0]);
  }
  return users;
}

/** A command line from /proc/<pid>/cmdline (NUL-separated), or null when empty (kernel threads, zombies). */
export function parseCmdline(raw: string): string | null {
  const text = raw.split('\0').join(' ').trim();
  return text === '' ? null : text;
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

let users: Map<number, string> | null = null;

/** User name of `uid` from /etc/passwd (read once), or the uid as text when it has no entry. */
export function userName(uid: number): string {
  users ??= parsePasswd(readOrNull('/etc/passwd') ?? '');
  return users.get(uid) ?? String(uid);
}

interface Cached {
  readonly startTicks: number;
  readonly info: ProcessInfo;
}

/** ProcessInfo per pid; a pid whose start time changed is a new process and is read again. */
export class ProcInfoCache {
  private readonly cache = new Map<number, Cached>();
  private bootTimeMs: number | null | undefined;

  /** Details of `pid`, or null when it has exited. Reads /proc/<pid>/stat each call to catch pid reuse. */
  get(pid: number): ProcessInfo | null {
    const stat = readOrNull(`/proc/${pid}/stat`);
    const startTicks = stat === null ? null : parseStatStartTicks(stat);
    if (startTicks === null) {
      this.cache.delete(pid);
      return null;
    }
    const hit = this.cache.get(pid);
    if (hit && hit.startTicks === startTicks) return hit.info;
    const info = this.read(pid, startTicks, stat === null ? null : parseStatPpid(stat));
    this.cache.set(pid, { startTicks, info });
    return info;
  }

  /** Forgets every pid not in `keep` (processes that no longer own sockets or exited). */
  retain(keep: ReadonlySet<number>): void {
    for (const pid of this.cache.keys()) if (!keep.has(pid)) this.cache.delete(pid);
  }

  private read(pid: number, startTicks: number, ppid: number | null): ProcessInfo {
    const uid = parseStatusUid(readOrNull(`/proc/${pid}/status`) ?? '');
    let exe: string | null = null;
    try {
      exe = readlinkSync(`/proc/${pid}/exe`);
    } catch {
      exe = null; // EACCES for other users' processes, ENOENT for kernel threads
    }
    const cmdline = readOrNull(`/proc/${pid}/cmdline`);
    const boot = this.bootMs();
    return {
      pid,
      name: (readOrNull(`/proc/${pid}/comm`) ?? '').trim() || String(pid),
      exe,
      cmdline: cmdline === null ? null : parseCmdline(cmdline),
      user: uid === null ? null : userName(uid),
      uid,
      startTime: boot === null ? null : boot + (startTicks * 1000) / TICKS_PER_SECOND,
      ppid,
    };
  }

  private bootMs(): number | null {
    if (this.bootTimeMs === undefined) {
      const btime = parseBootTime(readOrNull('/proc/stat') ?? '');
      this.bootTimeMs = btime === null ? null : btime * 1000;
    }
    return this.bootTimeMs;
  }
}
