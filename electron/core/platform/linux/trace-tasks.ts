// Who a traced event's task was: its command name as the kernel recorded it, and the process its thread belongs to.
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Bound of both caches: beyond it they start over, so a long run cannot grow them without limit. */
const MAX = 65_536;

/** The trace records thread ids (common_pid); this turns them into names and process ids. */
export class TraceTasks {
  private readonly comms = new Map<number, string>();
  /** Thread id -> process id (Tgid), looked up once per thread while it exists. */
  private readonly processes = new Map<number, number>();

  /** @param root the tracefs root, whose saved_cmdlines the kernel fills as it records events */
  constructor(private readonly root: string) {}

  /** Re-reads tid -> comm from saved_cmdlines (read-only, global: the kernel's own cache of recent tasks). */
  refresh(): void {
    let text: string;
    try {
      text = readFileSync(path.join(this.root, 'saved_cmdlines'), 'utf8');
    } catch {
      return;
    }
    if (this.comms.size > MAX) this.comms.clear();
    for (const line of text.split('\n')) {
      const sp = line.indexOf(' ');
      if (sp > 0) this.comms.set(Number(line.slice(0, sp)), line.slice(sp + 1));
    }
  }

  /** The command name of thread `tid`, or null when the kernel kept none. */
  comm(tid: number): string | null {
    return this.comms.get(tid) ?? null;
  }

  /**
   * The process of thread `tid`: Tgid from /proc/<tid>/status, read once; 0 for the idle task. Not the global
   * saved_tgids, which needs record-tgid: a hook on every context switch of the machine, for everyone. A thread
   * already gone stands for its own process: a process's main thread has the process's id, and the short-lived
   * clients that exit before the next drain (curl, a script) call connect() and close() from it. Only a process
   * that made its connection from another thread and exited since is named by that thread's id.
   */
  processOf(tid: number): number | null {
    if (tid === 0) return 0;
    const known = this.processes.get(tid);
    if (known !== undefined) return known;
    let pid: number | null = null;
    try {
      const m = /^Tgid:\s+(\d+)/m.exec(readFileSync(`/proc/${tid}/status`, 'latin1'));
      pid = m ? Number(m[1]) : null;
    } catch {
      return tid;
    }
    if (pid !== null) {
      if (this.processes.size > MAX) this.processes.clear();
      this.processes.set(tid, pid);
    }
    return pid;
  }
}
