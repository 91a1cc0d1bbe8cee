// The Windows SocketCollector: owner-PID TCP/UDP tables from iphlpapi, process details per owning pid.
import { NO_KERNEL_FACTS, rawSocket } from '../../../../shared/logic/raw-socket';
import { AppError } from '../../../../shared/model/errors';
import type { ProcessInfo, RawSocket } from '../../../../shared/model/socket';
import type { RawSnapshot } from '../../../../shared/model/snapshot';
import { AF_INET, AF_INET6, getTcpTable, getUdpTable } from '../../ffi/iphlpapi';
import { Win32Error } from '../../ffi/kernel32';
import type { SocketCollector } from '../platform';
import { WinProcessCache } from './process-cache';
import {
  decodeTcp4Table,
  decodeTcp6Table,
  decodeUdp4Table,
  decodeUdp6Table,
  type TableDecode,
  type WinSocketRow,
} from './table-decode';

interface Table {
  readonly name: string;
  readonly fetch: () => Uint8Array;
  readonly decode: (buf: Uint8Array) => TableDecode;
}

const TABLES: readonly Table[] = [
  { name: 'tcp4', fetch: () => getTcpTable(AF_INET), decode: decodeTcp4Table },
  { name: 'tcp6', fetch: () => getTcpTable(AF_INET6), decode: decodeTcp6Table },
  { name: 'udp4', fetch: () => getUdpTable(AF_INET), decode: decodeUdp4Table },
  { name: 'udp6', fetch: () => getUdpTable(AF_INET6), decode: decodeUdp6Table },
];

function reason(e: unknown): string {
  if (e instanceof Win32Error) return `Win32 error ${e.code}`;
  return e instanceof Error ? e.message : String(e);
}

/** Creates the Windows collector. It holds no native handle between snapshots; close() only drops caches. */
export function createWin32Collector(): SocketCollector {
  const procs = new WinProcessCache();

  function collectRows(): { rows: WinSocketRow[]; failed: string[] } {
    const rows: WinSocketRow[] = [];
    const failed: string[] = [];
    for (const t of TABLES) {
      // One table failing (e.g. IPv6 not installed: ERROR_NOT_SUPPORTED) must not hide the other three.
      let decoded: TableDecode;
      try {
        decoded = t.decode(t.fetch());
      } catch (e) {
        failed.push(`${t.name} (${reason(e)})`);
        continue;
      }
      if (!decoded.ok) {
        failed.push(`${t.name} (${decoded.message})`);
        continue;
      }
      for (const r of decoded.rows) rows.push(r);
    }
    return { rows, failed };
  }

  function snapshot(): RawSnapshot {
    const started = performance.now();
    const takenAt = Date.now();
    const { rows, failed } = collectRows();
    if (failed.length === TABLES.length) {
      throw new AppError('COLLECTOR_FAILED', `Every Windows socket table failed: ${failed.join(', ')}.`);
    }
    const lookups = new Map<number, ProcessInfo | null>();
    const deniedPids = new Set<number>();
    let hidden = 0;
    const sockets = new Array<RawSocket>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      // TIME_WAIT rows belong to no process; Windows reports pid 0 for them, which names no owner either.
      const pid = r.state === 'TIME_WAIT' && r.pid === 0 ? null : r.pid;
      let info: ProcessInfo | null = null;
      if (pid !== null) {
        const known = lookups.get(pid);
        if (known === undefined) {
          const found = procs.lookup(pid);
          info = found.kind === 'info' ? found.info : null;
          if (found.kind === 'denied') deniedPids.add(pid);
          lookups.set(pid, info);
        } else {
          info = known;
        }
        if (deniedPids.has(pid)) hidden++;
      }
      const name = info?.name ?? null;
      const user = info?.user ?? null;
      // GetPerTcpConnectionEStats (TcpConnectionEstatsData, after SetPerTcpConnectionEStats enables it, elevated)
      // could give per-connection bytes and timings later; until then the tables give no kernel facts at all.
      sockets[i] = rawSocket(r, NO_KERNEL_FACTS, {
        pid,
        process: name,
        user,
        uid: null,
        owners: pid === null ? [] : [{ pid, process: name, user }],
      });
    }
    procs.retain(new Set(lookups.keys()));
    const processes: ProcessInfo[] = [];
    for (const info of lookups.values()) if (info) processes.push(info);
    return {
      takenAt,
      source: 'iphlpapi',
      fallbackReason: failed.length > 0 ? `socket tables unavailable: ${failed.join(', ')}` : null,
      sockets,
      processes,
      ownerVisibility: deniedPids.size > 0 ? 'partial' : 'all',
      // Sockets whose owning process would not open for us: pid known, name and user not.
      hiddenOwners: hidden,
      durationMs: performance.now() - started,
    };
  }

  return {
    platform: 'win32',
    snapshot,
    close(): void {
      procs.retain(new Set());
    },
  };
}
