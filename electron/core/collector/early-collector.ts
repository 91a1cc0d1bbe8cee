// A collector process the launcher forked before the CLI bundle loaded (bin/early-collector.cjs), for core's
// collector host to take instead of forking one.
import type { ChildProcess } from 'node:child_process';

/** What the launcher leaves under this key: the child, and what it said before anyone listened. */
interface EarlyCollector {
  readonly modulePath: string;
  readonly child: ChildProcess;
  readonly buffered: unknown[];
  readonly keep: (m: unknown) => void;
}

const KEY = Symbol.for('netinspect.earlyCollector');

/** A collector forked early from `modulePath`, still running, once; null when there is none (or it died). */
export function takeEarlyCollector(modulePath: string): { child: ChildProcess; said: unknown[] } | null {
  const slot = globalThis as unknown as Record<symbol, EarlyCollector | undefined>;
  const early = slot[KEY];
  if (!early) return null;
  slot[KEY] = undefined;
  const { child } = early;
  child.off('message', early.keep);
  if (early.modulePath !== modulePath || child.exitCode !== null || child.signalCode !== null || !child.connected) {
    child.kill('SIGKILL');
    return null;
  }
  // From now on it is core's collector: it keeps this process alive as a forked one does.
  child.ref();
  child.channel?.ref();
  return { child, said: early.buffered };
}
