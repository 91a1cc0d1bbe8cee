// tracefs without side effects on anyone else: find where it is mounted (never mount it), and create, configure and
// remove this process's own instance `instances/netinspect-<pid>/`, cleaning up those left by dead processes.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { procFs, readProcFacts } from './proc-facts';

/** Prefix of our instance names; the rest is the owning pid. */
export const INSTANCE_PREFIX = 'netinspect-';
/** The command that mounts tracefs where the kernel expects it (what the user is told to run; we never do). */
export const MOUNT_COMMAND = 'sudo mount -t tracefs nodev /sys/kernel/tracing';

/**
 * The tracefs root from /proc/mounts text: a tracefs mount (one with `instances/`), else the `tracing` directory
 * of a debugfs mount, as older systems have it. Candidates in mount order; the caller checks which exists.
 */
export function tracefsCandidates(mounts: string): string[] {
  const out: string[] = [];
  for (const line of mounts.split('\n')) {
    const [, dir, type] = line.split(' ');
    if (!dir || !type) continue;
    // /proc/mounts escapes spaces and the like as octal: \040.
    const p = dir.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
    if (type === 'tracefs') out.push(p);
    else if (type === 'debugfs') out.push(path.join(p, 'tracing'));
  }
  return out;
}

/** Where tracefs is usable now, or null when it is not mounted. */
export function findTracefs(readMounts: () => string = () => readFileSync('/proc/mounts', 'utf8')): string | null {
  for (const dir of tracefsCandidates(readMounts())) if (existsSync(path.join(dir, 'instances'))) return dir;
  return null;
}

/** What was done with one stale instance. */
export interface StaleCleanup {
  readonly name: string;
  readonly removed: boolean;
  /** errno code when it could not be removed (EBUSY: something still reads it). */
  readonly error: string | null;
}

/** Facts about a pid, injected so the stale rule is testable without real processes. */
export interface PidProbe {
  /** True when a process with this pid exists (kill(pid, 0): ESRCH means gone, EPERM still means alive). */
  alive(pid: number): boolean;
  /** When it started (ms since epoch), or null when unknown. */
  startedAt(pid: number): number | null;
}

/**
 * An instance named netinspect-<pid> is stale when that pid is gone, or when the process now holding the pid
 * started after the instance was made (pid reuse). Our own pid's instance is never stale here.
 */
export function isStale(name: string, createdAt: number, self: number, probe: PidProbe): boolean {
  const m = /^netinspect-(\d+)$/.exec(name);
  if (!m) return false;
  const pid = Number(m[1]);
  if (pid === self) return false;
  if (!probe.alive(pid)) return true;
  const started = probe.startedAt(pid);
  // The computed start time rounds down (btime in whole seconds, start in ticks), never past the real one: the
  // process that made the instance always started before it, so this cannot call a live owner's instance stale.
  return started !== null && started > createdAt;
}

/** Removes every stale netinspect-* instance under `root`; touches nothing else. */
export function removeStaleInstances(root: string, probe: PidProbe = realPidProbe): StaleCleanup[] {
  const dir = path.join(root, 'instances');
  const out: StaleCleanup[] = [];
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.startsWith(INSTANCE_PREFIX));
  } catch {
    return out;
  }
  for (const name of names) {
    const p = path.join(dir, name);
    let createdAt: number;
    try {
      createdAt = statSync(p).mtimeMs;
    } catch {
      continue;
    }
    if (!isStale(name, createdAt, process.pid, probe)) continue;
    try {
      disableEvents(p);
      rmdirSync(p);
      out.push({ name, removed: true, error: null });
    } catch (e) {
      out.push({ name, removed: false, error: (e as NodeJS.ErrnoException).code ?? String(e) });
    }
  }
  return out;
}

/** Stops every event of an instance before its removal, so nothing records into a buffer about to go. */
function disableEvents(instance: string): void {
  try {
    writeFileSync(path.join(instance, 'events', 'enable'), '0');
  } catch {
    // An instance half torn down may have no events directory left; rmdir decides.
  }
}

/**
 * Creates `instances/<name>`: tracefs makes a whole private trace buffer with its own files on mkdir, and frees it
 * on rmdir. Throws the mkdir error (EACCES, ENOSPC, EEXIST ...).
 */
export function createInstance(root: string, name: string): string {
  const p = path.join(root, 'instances', name);
  mkdirSync(p);
  return p;
}

/** Disables its events and removes the instance; the caller has closed every file it opened in it. */
export function removeInstance(instance: string): void {
  disableEvents(instance);
  rmdirSync(instance);
}

/** Writes one control file of an instance (e.g. `trace_clock`, `options/overwrite`). */
export function writeControl(instance: string, file: string, value: string): void {
  writeFileSync(path.join(instance, file), value);
}

/** Per-CPU loss counters of an instance: events overwritten (overrun) and refused for lack of room (dropped). */
export function parseCpuStats(text: string): { overrun: number; dropped: number } {
  const num = (key: string): number => {
    const m = new RegExp(`^${key}:\\s*(\\d+)`, 'm').exec(text);
    return m ? Number(m[1]) : 0;
  };
  return { overrun: num('overrun'), dropped: num('dropped events') };
}

/** The pid probe of this machine: kill(pid, 0) and /proc/<pid>/stat's start time. */
export const realPidProbe: PidProbe = {
  alive(pid) {
    try {
      process.kill(pid, 0);
      return true;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'EPERM';
    }
  },
  startedAt(pid) {
    return readProcFacts(pid, procFs)?.startTime ?? null;
  },
};
