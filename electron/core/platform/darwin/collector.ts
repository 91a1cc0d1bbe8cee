// The macOS SocketCollector: every process's socket fds through libproc, decoded from struct socket_fdinfo.
// Written against XNU's headers but never run here (CI is Linux): see socket-fdinfo.ts for how it is tested.
import { NO_KERNEL_FACTS, rawSocket } from '../../../../shared/logic/raw-socket';
import type { ProcessInfo, RawSocket } from '../../../../shared/model/socket';
import type { RawSnapshot } from '../../../../shared/model/snapshot';
import {
  fdListSize,
  listPids,
  pidInfo,
  pidPath,
  PROC_PIDLISTFDS,
  PROC_PIDTBSDINFO,
  socketFdInfo,
  userNameOf,
} from '../../ffi/libproc';
import type { SocketCollector } from '../platform';
import {
  bsdParentPid,
  decodeBsdInfo,
  decodeSocketFdInfo,
  PROC_BSDINFO_SIZE,
  SOCKET_FDINFO_SIZE,
  socketFds,
  type BsdInfo,
  type DarwinSocketRow,
} from './socket-fdinfo';

interface CachedProcess {
  readonly startTime: number;
  readonly info: ProcessInfo;
}

/**
 * Creates the macOS collector. Limitation of the libproc route: sockets no fd refers to (TIME_WAIT, and
 * connections not yet accepted) are not listed; netstat reads those from the pcblist sysctl instead.
 */
export function createDarwinCollector(): SocketCollector {
  const fdInfoBuf = new Uint8Array(SOCKET_FDINFO_SIZE);
  const bsdBuf = new Uint8Array(PROC_BSDINFO_SIZE);
  let fdListBuf = new Uint8Array(4096);
  const procCache = new Map<number, CachedProcess>();
  const users = new Map<number, string | null>();

  function userOf(uid: number): string | null {
    if (!users.has(uid)) users.set(uid, userNameOf(uid));
    return users.get(uid) ?? null;
  }

  /** ProcessInfo of `pid`, re-read when its start time changed (pid reuse); null when it cannot be read. */
  function processInfo(pid: number): ProcessInfo | null {
    let bsd: BsdInfo | null;
    try {
      bsd = decodeBsdInfo(bsdBuf, pidInfo(pid, PROC_PIDTBSDINFO, bsdBuf));
    } catch {
      return null;
    }
    if (!bsd) return null;
    const hit = procCache.get(pid);
    if (hit && hit.startTime === bsd.startTime) return hit.info;
    const info: ProcessInfo = {
      pid,
      name: bsd.name,
      exe: pidPath(pid),
      cmdline: null,
      user: userOf(bsd.uid),
      uid: bsd.uid,
      startTime: bsd.startTime,
      ppid: bsdParentPid(bsdBuf),
    };
    procCache.set(pid, { startTime: bsd.startTime, info });
    return info;
  }

  /** The socket rows of one process; throws when its fd table cannot be read (EPERM without root). */
  function socketsOf(pid: number, out: Map<string, { row: DarwinSocketRow; pids: number[] }>): void {
    const needed = fdListSize(pid);
    if (needed > fdListBuf.length) fdListBuf = new Uint8Array(needed * 2);
    const got = pidInfo(pid, PROC_PIDLISTFDS, fdListBuf);
    for (const fd of socketFds(fdListBuf, got)) {
      const n = socketFdInfo(pid, fd, fdInfoBuf);
      if (n === 0) continue; // closed since the fd list was read
      const decoded = decodeSocketFdInfo(fdInfoBuf, n);
      if (!decoded.ok || !decoded.row) continue;
      // A socket shared by several fds or processes (dup, fork) is one socket with every holder as an owner.
      const seen = out.get(decoded.row.socketId);
      if (!seen) out.set(decoded.row.socketId, { row: decoded.row, pids: [pid] });
      else if (!seen.pids.includes(pid)) seen.pids.push(pid);
    }
  }

  function snapshot(): RawSnapshot {
    const started = performance.now();
    const takenAt = Date.now();
    const found = new Map<string, { row: DarwinSocketRow; pids: number[] }>();
    let denied = 0;
    for (const pid of listPids()) {
      if (pid <= 0) continue;
      try {
        socketsOf(pid, found);
      } catch {
        denied++;
      }
    }
    const infos = new Map<number, ProcessInfo | null>();
    const sockets: RawSocket[] = [];
    for (const { row, pids } of found.values()) {
      for (const p of pids) if (!infos.has(p)) infos.set(p, processInfo(p));
      // listPids gives no parent order; the lowest pid (usually the parent that forked the others) comes first.
      pids.sort((a, b) => a - b);
      const pid = pids[0];
      const info = infos.get(pid) ?? null;
      // libproc's socket info carries queues but no byte counters per socket and no state clock: rates stay null
      // and ages are observed (first seen by polling), a lower bound.
      const facts = { ...NO_KERNEL_FACTS, recvQueue: row.recvQueue, sendQueue: row.sendQueue };
      sockets.push(
        rawSocket(row, facts, {
          pid,
          process: info?.name ?? null,
          user: info?.user ?? null,
          uid: info?.uid ?? null,
          owners: pids.map((p) => ({ pid: p, process: infos.get(p)?.name ?? null, user: infos.get(p)?.user ?? null })),
        }),
      );
    }
    for (const pid of procCache.keys()) if (!infos.has(pid)) procCache.delete(pid);
    const processes: ProcessInfo[] = [];
    for (const info of infos.values()) if (info) processes.push(info);
    return {
      takenAt,
      source: 'libproc',
      fallbackReason: null,
      sockets,
      processes,
      // Processes whose fds we may not read hide their sockets entirely (not just the owner): say so.
      ownerVisibility: denied > 0 ? 'partial' : 'all',
      hiddenOwners: 0,
      durationMs: performance.now() - started,
    };
  }

  return {
    platform: 'darwin',
    snapshot,
    close(): void {
      procCache.clear();
      users.clear();
    },
  };
}
