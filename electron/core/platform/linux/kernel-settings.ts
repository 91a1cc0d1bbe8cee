// Linux kernel settings behind the diagnosis (/proc/sys) and the ephemeral range; read, never written.
import fs from 'node:fs';
import path from 'node:path';
import type { KernelFacts } from '../platform';
import {
  LINUX_DEFAULT_RANGE,
  explainKernel,
  parseLocalPortRange,
  sysctlPath,
} from '../../../../shared/logic/diagnosis/kernel-explainer';

/** Reads one sysctl from `root` (default /proc/sys), or null when the file is absent or unreadable. */
export function readSysctl(name: string, root = '/proc/sys'): string | null {
  try {
    return fs.readFileSync(path.join(root, sysctlPath(name)), 'utf8');
  } catch {
    return null;
  }
}

/** Kernel settings and the ephemeral range of this host (`root` is for tests). */
export async function readLinuxKernelFacts(root = '/proc/sys'): Promise<KernelFacts> {
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
