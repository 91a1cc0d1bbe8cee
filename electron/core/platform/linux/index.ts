// The Linux platform: sock_diag collector, /proc processes, SOCK_DESTROY, TUN/TAP over rtnetlink, /proc/sys facts.
import type { Platform, PlatformOptions } from '../platform';
import { createLinuxAdapters } from './adapters/linux-adapters';
import { createLinuxCollector } from './collector';
import { readLinuxKernelFacts } from './kernel-settings';
import { KernelEvents } from './kernel-events';
import { createLinuxProcesses } from './processes';
import { sockDestroy } from './sock-destroy';

/** Assembles the Linux platform. */
export function createLinuxPlatform(o: PlatformOptions = {}): Platform {
  return {
    os: 'linux',
    createSocketCollector: (c) => createLinuxCollector({ once: c?.once }),
    processes: createLinuxProcesses({ selfPid: o.selfPid }),
    connections: {
      close: (c) => {
        sockDestroy(c, [o.selfPid ?? process.pid, ...(o.ownPids ?? [])]);
        return { closed: true, method: 'sock_destroy' };
      },
    },
    adapters: createLinuxAdapters(),
    kernelFacts: () => readLinuxKernelFacts(),
    openSocketEvents: () => KernelEvents.open(),
    reservedRangeOf: async () => null,
  };
}
