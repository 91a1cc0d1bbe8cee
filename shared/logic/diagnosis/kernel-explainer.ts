// The kernel settings behind TIME_WAIT, listen queues and ephemeral ports: current values and what each one does.
import type { EphemeralRange, KernelSetting } from '../../model/finding';

/** The settings explained, with their i18n keys (`kernel.<key>`). netinspect only reads them, never writes. */
export const KERNEL_SETTINGS = [
  { name: 'net.ipv4.tcp_tw_reuse', key: 'tcpTwReuse' },
  { name: 'net.ipv4.tcp_fin_timeout', key: 'tcpFinTimeout' },
  { name: 'net.ipv4.tcp_max_tw_buckets', key: 'tcpMaxTwBuckets' },
  { name: 'net.core.somaxconn', key: 'somaxconn' },
  { name: 'net.ipv4.ip_local_port_range', key: 'ipLocalPortRange' },
  { name: 'net.ipv4.tcp_tw_recycle', key: 'tcpTwRecycle' },
] as const;

/** Linux's default ephemeral range, when /proc/sys cannot be read. */
export const LINUX_DEFAULT_RANGE: EphemeralRange = { low: 32768, high: 60999, excluded: 0, source: 'default' };
/** The IANA dynamic range Windows (Vista+) and macOS use by default. */
export const IANA_DEFAULT_RANGE: EphemeralRange = { low: 49152, high: 65535, excluded: 0, source: 'default' };

/** The /proc/sys path of a sysctl name (`net.core.somaxconn` -> `net/core/somaxconn`). */
export function sysctlPath(name: string): string {
  return name.replace(/\./g, '/');
}

/**
 * One entry per setting from the values read (`read` answers null for a missing file). tcp_tw_recycle has been gone
 * since Linux 4.12: when absent, its entry says so and why it was removed.
 */
export function explainKernel(read: (name: string) => string | null): KernelSetting[] {
  return KERNEL_SETTINGS.map(({ name, key }) => {
    const raw = read(name);
    const value = raw === null ? null : raw.trim().replace(/\s+/g, ' ');
    const removed = value === null && key === 'tcpTwRecycle';
    return {
      name,
      value,
      present: value !== null,
      explanationKey: `kernel.${removed ? 'tcpTwRecycleRemoved' : key}`,
    };
  });
}

/** Parses ip_local_port_range ("32768\t60999") into a range, or null when malformed. */
export function parseLocalPortRange(text: string | null): EphemeralRange | null {
  const m = text === null ? null : /^\s*(\d+)\s+(\d+)\s*$/.exec(text);
  if (!m) return null;
  const low = Number(m[1]);
  const high = Number(m[2]);
  if (!(low >= 1 && high <= 65535 && low <= high)) return null;
  return { low, high, excluded: 0, source: 'ip_local_port_range' };
}
