// Whether a socket belongs to netinspect itself: held open by one of its processes (given roots and descendants).
import { isOwnProcess } from '../process-refusal';
import { defaultProcFdSource, type ProcFdSource } from './proc-fd-source';
import { procFs, readStat, type ProcReader } from './proc-facts';

/**
 * A pid of the roots' process trees that has socket `inode` open, or null. Reads the parent of every process (one
 * small /proc file each) but fd links only of netinspect's own few processes, so it stays cheap at 40,000 sockets.
 * Inode 0 (TIME_WAIT, request sockets, orphans) is held by no process.
 */
export function ownHolderOf(
  inode: number,
  roots: readonly number[],
  src: ProcFdSource = defaultProcFdSource(),
  reader: ProcReader = procFs,
): number | null {
  if (inode === 0 || roots.length === 0) return null;
  const parents = new Map<number, number | null>();
  const parentOf = (pid: number): number | null => {
    if (!parents.has(pid)) parents.set(pid, readStat(pid, reader)?.ppid ?? null);
    return parents.get(pid) ?? null;
  };
  try {
    for (const pid of src.listPids()) {
      if (!roots.some((root) => isOwnProcess(pid, root, parentOf))) continue;
      const fds = src.listFds(pid);
      if (!Array.isArray(fds)) continue;
      for (const fd of fds) if (src.readFdLink(pid, fd) === inode) return pid;
    }
    return null;
  } finally {
    src.release?.();
  }
}
