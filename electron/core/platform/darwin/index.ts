// The macOS platform: libproc collector and processes; no per-connection close and no TAP without a kext.
import { checkConnection } from '../../../../shared/logic/close-refusal';
import { keyedError } from '../../../../shared/logic/input-error';
import type { Platform } from '../platform';
import { unreadableKernelFacts, unsupportedAdapters } from '../unsupported';
import { createDarwinCollector } from './collector';
import { createDarwinProcesses } from './processes';

/** Assembles the macOS platform. */
export function createDarwinPlatform(): Platform {
  return {
    os: 'darwin',
    createSocketCollector: () => createDarwinCollector(),
    processes: createDarwinProcesses(),
    connections: {
      close: (c) => {
        // Bad input is bad input here too, before the platform says it cannot close at all.
        checkConnection(c);
        throw keyedError('actions.closeMacos', {}, 'NOT_SUPPORTED');
      },
    },
    // TAP needs a kernel extension on macOS (utun is TUN only and lives only while its fd is open).
    adapters: unsupportedAdapters('darwin', 'adapters.errors.macosNoTap'),
    kernelFacts: unreadableKernelFacts,
    // No per-socket close events or state trace here: closes come from refreshes (observed).
    openSocketEvents: () => null,
    reservedRangeOf: async () => null,
  };
}
