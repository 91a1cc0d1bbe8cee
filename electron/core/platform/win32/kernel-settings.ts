// Windows' ephemeral range for the diagnosis: the dynamic range minus the excluded ranges inside it, from netsh.
import { IANA_DEFAULT_RANGE } from '../../../../shared/logic/diagnosis/kernel-explainer';
import type { KernelFacts, ReservedPortRange } from '../platform';
import { readPortReservations } from './port-ranges';

/** Windows exposes no TCP sysctls worth explaining; the ephemeral range is what matters (IANA's when netsh fails). */
export async function readWin32KernelFacts(): Promise<KernelFacts> {
  const facts = { readable: false, settings: [], maxTimeWaitBuckets: null };
  try {
    const r = await readPortReservations('tcp', 4);
    if (!r.dynamic) return { ...facts, ephemeral: IANA_DEFAULT_RANGE };
    const low = r.dynamic.start;
    const high = r.dynamic.start + r.dynamic.count - 1;
    let excluded = 0;
    for (const x of r.excluded) excluded += Math.max(0, Math.min(high, x.end) - Math.max(low, x.start) + 1);
    return { ...facts, ephemeral: { low, high, excluded, source: 'netsh' } };
  } catch {
    return { ...facts, ephemeral: IANA_DEFAULT_RANGE };
  }
}

/** The excluded range (Hyper-V, WinNAT reservations) that contains `port`, or null when none does or netsh fails. */
export async function win32ReservedRangeOf(
  proto: 'tcp' | 'udp',
  family: 4 | 6,
  port: number,
): Promise<ReservedPortRange | null> {
  try {
    const r = await readPortReservations(proto, family);
    return r.excluded.find((x) => port >= x.start && port <= x.end) ?? null;
  } catch {
    return null;
  }
}
