// The Windows platform: IP Helper tables, TerminateProcess, SetTcpEntry, tap-windows6 through SetupAPI, netsh ranges.
import { keyedError } from '../../../../shared/logic/input-error';
import type { Platform } from '../platform';
import { createWin32Adapters } from './adapters/win32-adapters';
import { createWin32Collector } from './collector';
import { readWin32KernelFacts, win32ReservedRangeOf } from './kernel-settings';
import { createWin32Processes } from './processes';
import { closeTcpConnection } from './tcp-close';

/** Assembles the Windows platform. */
export function createWin32Platform(): Platform {
  return {
    os: 'win32',
    createSocketCollector: () => createWin32Collector(),
    processes: createWin32Processes(),
    connections: {
      close: (c) => {
        if (c.family === 6) throw keyedError('actions.closeIpv6Windows', {}, 'NOT_SUPPORTED');
        closeTcpConnection({ proto: 'tcp', ...c });
        return { closed: true, method: 'set_tcp_entry' };
      },
    },
    adapters: createWin32Adapters(),
    kernelFacts: readWin32KernelFacts,
    reservedRangeOf: win32ReservedRangeOf,
  };
}
