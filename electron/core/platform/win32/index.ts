// The Windows platform: IP Helper tables, TerminateProcess, SetTcpEntry, tap-windows6 through SetupAPI, netsh ranges.
import { keyedError } from '../../../../shared/logic/input-error';
import { checkConnection } from '../../../../shared/logic/close-refusal';
import { AppError } from '../../../../shared/model/errors';
import { AF_INET, getTcpTable } from '../../ffi/iphlpapi';
import type { Platform, PlatformOptions } from '../platform';
import { checkWindowsClose } from './close-check';
import { decodeTcp4Table } from './table-decode';
import { createWin32Adapters } from './adapters/win32-adapters';
import { createWin32Collector } from './collector';
import { readWin32KernelFacts, win32ReservedRangeOf } from './kernel-settings';
import { createWin32Processes } from './processes';
import { closeTcpConnection } from './tcp-close';

/** Assembles the Windows platform. */
export function createWin32Platform(o: PlatformOptions = {}): Platform {
  return {
    os: 'win32',
    createSocketCollector: () => createWin32Collector(),
    processes: createWin32Processes(),
    connections: {
      close: (c) => {
        checkConnection(c);
        if (c.family === 6) throw keyedError('actions.closeIpv6Windows', {}, 'NOT_SUPPORTED');
        // SetTcpEntry resets whatever row matches the endpoints: look at that row first, as Linux does.
        const table = decodeTcp4Table(getTcpTable(AF_INET));
        if (!table.ok) throw new AppError('INTERNAL', `The TCP table could not be read: ${table.message}`);
        checkWindowsClose(table.rows, c, [o.selfPid ?? process.pid, ...(o.ownPids ?? [])]);
        closeTcpConnection({ proto: 'tcp', ...c });
        return { closed: true, method: 'set_tcp_entry' };
      },
    },
    adapters: createWin32Adapters(),
    kernelFacts: readWin32KernelFacts,
    // No per-socket close events or state trace here: closes come from refreshes (observed).
    openSocketEvents: () => null,
    reservedRangeOf: win32ReservedRangeOf,
  };
}
