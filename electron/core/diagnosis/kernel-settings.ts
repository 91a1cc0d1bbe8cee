// Reads the kernel settings behind the diagnosis (Linux /proc/sys) and the ephemeral range; never writes any.
import fs from 'node:fs';
import path from 'node:path';
import type { EphemeralRange, KernelSetting } from '../../../shared/model/finding';
import {
  IANA_DEFAULT_RANGE,
  LINUX_DEFAULT_RANGE,
  explainKernel,
  parseLocalPortRange,
  sysctlPath,
} from '../../../shared/logic/diagnosis/kernel-explainer';
import { readPortReservations } from '../platform/win32/port-ranges';

/** What the diagnosis needs from the OS. */
export interface KernelFacts {
  readonly readable: boolean;
  readonly settings: readonly KernelSetting[];
  readonly ephemeral: EphemeralRange;
  /** tcp_max_tw_buckets, or null where unknown. */
  readonly maxTimeWaitBuckets: number | null;
}

/** Reads one sysctl from `root` (default /proc/sys), or null when the file is absent or unreadable. */
export function readSysctl(name: string, root = '/proc/sys'): string | null {
  try {
    return fs.readFileSync(path.join(root, sysctlPath(name)), 'utf8');
  } catch {
    return null;
  }
}

/** The Windows dynamic range minus excluded ports inside it, from netsh; the IANA default when netsh fails. */
async function windowsRange(): Promise<EphemeralRange> {
  try {
    const r = await readPortReservations('tcp', 4);
    if (!r.dynamic) return IANA_DEFAULT_RANGE;
    const low = r.dynamic.start;
    const high = r.dynamic.start + r.dynamic.count - 1;
    let excluded = 0;
    for (const x of r.excluded) excluded += Math.max(0, Math.min(high, x.end) - Math.max(low, x.start) + 1);
    return { low, high, excluded, source: 'netsh' };
  } catch {
    return IANA_DEFAULT_RANGE;
  }
}

/** Kernel settings and the ephemeral range of this host (`root` is for tests). */
export async function readKernelFacts(root = '/proc/sys'): Promise<KernelFacts> {
  if (process.platform === 'win32') {
    return { readable: false, settings: [], ephemeral: await windowsRange(), maxTimeWaitBuckets: null };
  }
  if (process.platform !== 'linux') {
    return { readable: false, settings: [], ephemeral: IANA_DEFAULT_RANGE, maxTimeWaitBuckets: null };
  }
  const settings = explainKernel((name) => readSysctl(name, root));
  const value = (name: string): string | null => settings.find((s) => s.name === name)?.value ?? null;
  const buckets = Number(value('net.ipv4.tcp_max_tw_buckets'));
  return {
    readable: true,
    settings,
    ephemeral: parseLocalPortRange(value('net.ipv4.ip_local_port_range')) ?? LINUX_DEFAULT_RANGE,
    maxTimeWaitBuckets: Number.isFinite(buckets) && buckets > 0 ? buckets : null,
  };
}
