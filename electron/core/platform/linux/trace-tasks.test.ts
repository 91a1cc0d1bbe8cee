// Thread ids of traced events as processes: a live thread through /proc, a thread already gone as itself.
import { describe, expect, it } from 'vitest';
import { TraceTasks } from './trace-tasks';

const linux = process.platform === 'linux';
if (!linux) console.log('trace tasks: skipped, /proc is Linux only');

describe.skipIf(!linux)('TraceTasks.processOf', () => {
  it('reads a live thread’s process, keeps 0 for the idle task, and names a gone thread by its own id', () => {
    const tasks = new TraceTasks('/nonexistent-tracefs');
    expect(tasks.processOf(process.pid)).toBe(process.pid);
    expect(tasks.processOf(0)).toBe(0);
    // Above pid_max (at most 2^22): no such task can exist, as for a client that exited before the drain.
    expect(tasks.processOf(5_000_000)).toBe(5_000_000);
    expect(tasks.comm(5_000_000)).toBeNull();
  });
});
