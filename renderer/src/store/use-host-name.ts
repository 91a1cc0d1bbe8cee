// The host name a view shows for a remote address: only while "Resolve addresses" is on, null otherwise.
import { useMemo } from 'react';
import type { HostNameLookup } from '../../../shared/logic/filter';
import { useStore } from './index';

/** The name of `address`, or null when it has none, or resolving is off. */
export function useHostName(address: string): string | null {
  return useStore((s) => (s.settings?.resolveAddresses ? (s.hostNames.get(address) ?? null) : null));
}

/** A lookup for filters and sorting (undefined while resolving is off, so the filter matches addresses only). */
export function useHostNameLookup(): HostNameLookup | undefined {
  const on = useStore((s) => s.settings?.resolveAddresses === true);
  const names = useStore((s) => s.hostNames);
  return useMemo(() => (on ? (address: string) => names.get(address) : undefined), [on, names]);
}
