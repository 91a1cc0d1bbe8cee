// The Linux platform: sock_diag collector, /proc processes, SOCK_DESTROY, TUN/TAP over rtnetlink, /proc/sys facts.
import type { Platform } from '../platform';
import { createLinuxAdapters } from './adapters/linux-adapters';
import { createLinuxCollector } from './collector';
import { readLinuxKernelFacts } from './kernel-settings';
import { createLinuxProcesses } from './processes';
import { sockDestroy } from './sock-destroy';

/** Assembles the Linux platform. */
export function createLinuxPlatform(): Platform {
  return {
    os: 'linux',
    createSocketCollector: () => createLinuxCollector(),
    processes: createLinuxProcesses(),
    connections: {
      close: (c) => {
        sockDestroy(c);
        return { closed: true, method: 'sock_destroy' };
      },
    },
    adapters: createLinuxAdapters(),
    kernelFacts: () => readLinuxKernelFacts(),
    reservedRangeOf: async () => null,
  };
}
