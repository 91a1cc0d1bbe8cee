// The Linux SocketCollector: sock_diag dumps (or /proc/net), owners from the fd map, details per owning process.
import type { Family, ProcessInfo, Proto, RawSocket } from '../../../../shared/model/socket';
import type { RawSnapshot, SocketSource } from '../../../../shared/model/snapshot';
import { ErrnoError } from '../../ffi/libc';
import type { SocketCollector } from '../platform';
import type { KernelSocket } from './kernel-socket';
import { SockDiagClient } from './netlink-sockdiag';
import { OwnerMap, type OwnerMapStats } from './owner-map';
import type { ProcFdSource } from './proc-fd-source';
import { ProcInfoCache } from './proc-info';
import { describeProcNetErrors, readProcNet, type ProcNetDecodeError } from './procnet';
import {
  OWNER_HIDDEN,
  OWNER_SHARED,
  OWNER_UNKNOWN,
  ownerCode,
  parentFirst,
  RawSocketMemo,
  withOwner,
  type TableRun,
} from './raw-sockets';

export interface LinuxCollectorOptions {
  /** Read /proc/net even where netlink works (tests, or a kernel whose sock_diag misbehaves). */
  readonly forceProcfs?: boolean;
  /** Where fd links are read from; the real /proc unless a test substitutes it. */
  readonly fdSource?: ProcFdSource;
  /** For one snapshot: unchanged rows are not remembered for a next one (see CollectorOptions.once). */
  readonly once?: boolean;
}

/** The Linux collector, with its owner-map work counters exposed for diagnostics and tests. */
export interface LinuxSocketCollector extends SocketCollector {
  ownerStats(): OwnerMapStats;
}

/** The dumps of one snapshot: TCP of both families in one (one walk of the kernel's TCP table), UDP per family. */
const TABLES: ReadonlyArray<readonly [Proto, Family | null]> = [
  ['tcp', null],
  ['udp', 4],
  ['udp', 6],
];

/** /proc/net's rows of one table (both files for TCP of both families). */
function procNetRows(proto: Proto, family: Family | null, errors: ProcNetDecodeError[]): KernelSocket[] {
  return family !== null
    ? readProcNet(proto, family, errors)
    : [...readProcNet(proto, 4, errors), ...readProcNet(proto, 6, errors)];
}

/** A table's name in messages: tcp, udp4, udp6. */
const tableName = (proto: Proto, family: Family | null): string => `${proto}${family ?? ''}`;

/** errnos that mean this kernel or sandbox will never give us sock_diag: stop trying. */
const PERMANENT = new Set(['EPROTONOSUPPORT', 'EAFNOSUPPORT', 'EACCES', 'EPERM', 'ESOCKTNOSUPPORT']);

function errorCode(e: unknown): string {
  if (e instanceof ErrnoError) return e.code;
  return e instanceof Error ? e.message : String(e);
}

interface KernelRows {
  readonly rows: KernelSocket[];
  readonly runs: TableRun[];
  readonly source: SocketSource;
  readonly fallbackReason: string | null;
}

/** Creates the Linux collector; it keeps one sock_diag socket open until close(). */
export function createLinuxCollector(options: LinuxCollectorOptions = {}): LinuxSocketCollector {
  const owners = new OwnerMap(options.fdSource);
  const procs = new ProcInfoCache();
  /** The decoder keeps an unchanged socket's row object; this keeps the RawSocket made from it. */
  const previous = new RawSocketMemo(TABLES.length);
  /** The owner map's version after the last refresh. */
  let lastOwnerVersion = -1;
  /** The process details the last snapshot's RawSockets were made with, by pid. */
  let lastInfo = new Map<number, ProcessInfo | null>();
  let client: SockDiagClient | null = null;
  /** Set once netlink is known to be unusable for good; every later snapshot reads /proc/net. */
  let netlinkOff: string | null = options.forceProcfs ? '/proc/net forced by configuration (forceProcfs)' : null;

  function openClient(): SockDiagClient | string {
    try {
      return new SockDiagClient({ keepRows: options.once !== true });
    } catch (e) {
      const code = errorCode(e);
      const reason = `netlink sock_diag unavailable (${code}): using /proc/net`;
      if (PERMANENT.has(code)) netlinkOff = reason;
      return reason;
    }
  }

  /** The reason, with what /proc/net lines were left out for holding values the kernel cannot print. */
  function withRejects(reason: string | null, errors: readonly ProcNetDecodeError[]): string | null {
    const rejected = describeProcNetErrors(errors);
    return rejected === null ? reason : reason === null ? rejected : `${reason}; ${rejected}`;
  }

  function procfsOnly(reason: string): KernelRows {
    const rows: KernelSocket[] = [];
    const runs: TableRun[] = [];
    const errors: ProcNetDecodeError[] = [];
    TABLES.forEach(([proto, family], table) => {
      const start = rows.length;
      for (const r of procNetRows(proto, family, errors)) rows.push(r);
      runs.push({ table, start, end: rows.length, origins: null });
    });
    return { rows, runs, source: 'procfs', fallbackReason: withRejects(reason, errors) };
  }

  function collectKernel(): KernelRows {
    if (netlinkOff) return procfsOnly(netlinkOff);
    if (!client) {
      const opened = openClient();
      if (typeof opened === 'string') return procfsOnly(opened);
      client = opened;
    }
    const rows: KernelSocket[] = [];
    const runs: TableRun[] = [];
    const failed: string[] = [];
    const errors: ProcNetDecodeError[] = [];
    for (let table = 0; table < TABLES.length; table++) {
      const [proto, family] = TABLES[table];
      const mark = rows.length;
      try {
        if (!client) throw new Error('sock_diag socket could not be reopened');
        const origins = client.dump(proto, family, rows);
        runs.push({ table, start: mark, end: rows.length, origins });
      } catch (e) {
        // A partial dump is dropped whole; this table comes from /proc/net instead (e.g. udp_diag not loaded).
        rows.length = mark;
        failed.push(`${tableName(proto, family)} (${errorCode(e)})`);
        for (const r of procNetRows(proto, family, errors)) rows.push(r);
        runs.push({ table, start: mark, end: rows.length, origins: null });
        // Only a kernel NLMSG_ERROR leaves the socket in a clean state; anything else may leave a dump running.
        if (!(e instanceof ErrnoError && e.syscall.startsWith('sock_diag'))) {
          client?.close();
          const reopened = openClient();
          client = typeof reopened === 'string' ? null : reopened;
        }
      }
    }
    if (failed.length === TABLES.length) {
      return {
        rows,
        runs,
        source: 'procfs',
        fallbackReason: withRejects(`netlink sock_diag failed (${failed.join(', ')}): using /proc/net`, errors),
      };
    }
    const reason = failed.length > 0 ? `netlink sock_diag failed for ${failed.join(', ')}: those from /proc/net` : null;
    return { rows, runs, source: 'netlink', fallbackReason: withRejects(reason, errors) };
  }

  function snapshot(): RawSnapshot {
    const started = performance.now();
    const takenAt = Date.now();
    // A cold owner scan reads every fd link in /proc: started first, it runs on a second thread during the dump.
    owners.prepare();
    const { rows, runs, source, fallbackReason } = collectKernel();
    // Kept rows (most, on a quiet refresh) are answered from the previous snapshot by position: their inodes and
    // owners, so that neither the rows nor their old RawSockets are read again.
    const recalled = previous.recall(runs, rows, lastOwnerVersion);
    const { owners: ownerOf, shared, deniedPids, version } = owners.refresh(recalled.inodes, takenAt, recalled.owners);
    lastOwnerVersion = version;

    const infoByPid = new Map<number, ProcessInfo | null>();
    const infoOf = (pid: number): ProcessInfo | null => {
      if (!infoByPid.has(pid)) infoByPid.set(pid, procs.get(pid));
      return infoByPid.get(pid) ?? null;
    };
    /** Per pid: whether its details are the very ones the last snapshot's RawSockets were made with. */
    const sameInfo = new Map<number, boolean>();
    const unchangedInfo = (pid: number): boolean => {
      let same = sameInfo.get(pid);
      if (same === undefined) sameInfo.set(pid, (same = lastInfo.has(pid) && infoOf(pid) === lastInfo.get(pid)));
      return same;
    };
    const sockets: RawSocket[] = new Array<RawSocket>(rows.length);
    const codes = recalled.codes;
    let hidden = 0;
    for (const run of runs) {
      const last = previous.lastRun(run.table);
      // The owner maps as they were for this table's last snapshot: a kept row with the owner and process details
      // it had is the RawSocket it was.
      const sameOwners = last !== null && last.ownerVersion === version;
      for (let i = run.start; i < run.end; i++) {
        const at = recalled.at[i];
        if (sameOwners && at >= 0) {
          const code = recalled.owners[i];
          if (code >= 0 ? unchangedInfo(code) : code !== OWNER_SHARED && code !== OWNER_UNKNOWN) {
            if (code === OWNER_HIDDEN) hidden++;
            sockets[i] = last.sockets[at];
            codes[i] = code;
            continue;
          }
        }
        const r = rows[i];
        const prev = at >= 0 && last !== null ? last.sockets[at] : undefined;
        let pid = r.inode === 0 ? null : (ownerOf.get(r.inode) ?? null);
        const all = pid === null ? undefined : shared.get(r.inode);
        let holders: { pid: number; info: ProcessInfo | null }[] | undefined;
        if (all) {
          // A socket inherited by forked workers: every holder, the parent first, which is also `pid`.
          holders = parentFirst(all, (p) => infoOf(p)?.ppid ?? null).map((p) => ({ pid: p, info: infoOf(p) }));
          pid = holders[0].pid;
        }
        const code = ownerCode(pid, r.inode, holders !== undefined);
        if (code === OWNER_HIDDEN) hidden++;
        codes[i] = code;
        sockets[i] = withOwner(r, pid, pid === null ? null : infoOf(pid), prev, holders);
      }
    }
    if (options.once !== true) previous.remember(runs, rows, sockets, version, recalled.inodes, codes);
    lastInfo = infoByPid;
    procs.retain(new Set(infoByPid.keys()));
    const processes: ProcessInfo[] = [];
    for (const info of infoByPid.values()) if (info) processes.push(info);
    return {
      takenAt,
      source,
      fallbackReason,
      sockets,
      processes,
      ownerVisibility: hidden > 0 || deniedPids > 0 ? 'partial' : 'all',
      hiddenOwners: hidden,
      durationMs: performance.now() - started,
    };
  }

  return {
    platform: 'linux',
    snapshot,
    ownerStats: () => owners.stats(),
    close(): void {
      client?.close();
      client = null;
    },
  };
}
