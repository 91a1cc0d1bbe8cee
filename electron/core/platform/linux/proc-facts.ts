// What /proc says about one process for the kill and details actions, through a swappable reader for tests.
import { readFileSync, readlinkSync } from 'node:fs';
import { parseBootTime, parseCmdline, parseStatStartTicks, parseStatusUid } from './proc-info';

/** Reads /proc; null when a file or link cannot be read (gone, or another user's and unprivileged). */
export interface ProcReader {
  read(path: string): string | null;
  readlink(path: string): string | null;
}

/** The real /proc. */
export const procFs: ProcReader = {
  read(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return null;
    }
  },
  readlink(path) {
    try {
      return readlinkSync(path);
    } catch {
      return null;
    }
  },
};

/** PF_KTHREAD in /proc/<pid>/stat's flags (field 9): set for kernel threads only (linux/sched.h). */
export const PF_KTHREAD = 0x00200000;
/** USER_HZ: /proc/<pid>/stat counts start time in these ticks; 100 on every mainstream Linux build. */
const TICKS_PER_SECOND = 100;

/** The /proc/<pid>/stat fields the actions use. */
export interface StatFields {
  /** Field 3: R, S, D, Z (zombie), T, X (dead) ... */
  readonly state: string;
  /** Field 4. */
  readonly ppid: number;
  /** Field 9: PF_* bits. */
  readonly flags: number;
  /** Field 22: clock ticks since boot. */
  readonly startTicks: number;
}

/** Parses /proc/<pid>/stat text, or null when it is not one. */
export function parseStat(stat: string): StatFields | null {
  // comm (field 2) may hold spaces and parentheses: count fields after its last ')'.
  const close = stat.lastIndexOf(')');
  if (close < 0) return null;
  const f = stat.slice(close + 2).split(' ');
  const ppid = Number(f[4 - 3]);
  const flags = Number(f[9 - 3]);
  const startTicks = parseStatStartTicks(stat);
  if (!f[0] || !Number.isInteger(ppid) || !Number.isFinite(flags) || startTicks === null) return null;
  return { state: f[0], ppid, flags, startTicks };
}

/**
 * Kernel threads carry PF_KTHREAD. Older kernels are recognized by their parent kthreadd (pid 2) and an empty
 * command line; zombies also have an empty one, so they are left out.
 */
export function isKernelThread(pid: number, s: StatFields, cmdline: string | null): boolean {
  if ((s.flags & PF_KTHREAD) !== 0) return true;
  return (pid === 2 || s.ppid === 2) && cmdline === null && s.state !== 'Z';
}

/** One process as /proc shows it. */
export interface ProcFacts {
  readonly pid: number;
  readonly stat: StatFields;
  readonly name: string;
  readonly exe: string | null;
  readonly cmdline: string | null;
  readonly uid: number | null;
  /** ms since epoch, or null when boot time is unknown. */
  readonly startTime: number | null;
  readonly kernelThread: boolean;
}

/** The stat fields of `pid`, or null when it does not exist. */
export function readStat(pid: number, r: ProcReader): StatFields | null {
  const text = r.read(`/proc/${pid}/stat`);
  return text === null ? null : parseStat(text);
}

/** Everything the actions need about `pid`, or null when it does not exist. */
export function readProcFacts(pid: number, r: ProcReader): ProcFacts | null {
  const stat = readStat(pid, r);
  if (!stat) return null;
  const raw = r.read(`/proc/${pid}/cmdline`);
  const cmdline = raw === null ? null : parseCmdline(raw);
  const btime = parseBootTime(r.read('/proc/stat') ?? '');
  return {
    pid,
    stat,
    name: (r.read(`/proc/${pid}/comm`) ?? '').trim() || String(pid),
    // EACCES for other users' processes when unprivileged, ENOENT for kernel threads.
    exe: r.readlink(`/proc/${pid}/exe`),
    cmdline,
    uid: parseStatusUid(r.read(`/proc/${pid}/status`) ?? ''),
    startTime: btime === null ? null : btime * 1000 + (stat.startTicks * 1000) / TICKS_PER_SECOND,
    kernelThread: isKernelThread(pid, stat, cmdline),
  };
}

/**
 * A check that is true once the process now at `pid` is gone: no /proc entry, a zombie (it has exited; only its
 * parent's wait is pending), dead, or the pid now names a process that started later.
 */
export function exitWatch(pid: number, r: ProcReader): () => boolean {
  const startTicks = readStat(pid, r)?.startTicks;
  return () => {
    const s = readStat(pid, r);
    return s === null || s.state === 'Z' || s.state === 'X' || s.startTicks !== startTicks;
  };
}
