// Host names of remote addresses while "Resolve addresses" is on: asked once for the table's addresses (when turned
// on, on subscribe, after a reconnect), then kept up to date from `hosts:resolved` pushes.
import { MAX_RESOLVE_ADDRESSES, type HostName } from '../../../shared/model/hosts';
import { host } from '../api';
import type { Slice } from './types';

/** Most names kept; the oldest go first (a long session on a busy machine sees many peers). */
export const MAX_HOST_NAMES = 20_000;

export interface HostNamesSlice {
  /** Address -> name, for addresses that have one. A new map whenever a name arrives or changes. */
  readonly hostNames: ReadonlyMap<string, string>;
  /** Folds names in; misses (name null) drop a name the address had. */
  receiveHostNames(names: readonly HostName[]): void;
  /** Asks core for names of every remote address in the table (only while resolving is on); answers come later too. */
  resolveTableAddresses(): Promise<void>;
}

/** Remote addresses of the table worth a name (connected sockets), once each. */
function remoteAddresses(table: ReadonlyMap<string, { remotePort: number; remoteAddress: string }>): string[] {
  const out = new Set<string>();
  for (const s of table.values()) if (s.remotePort !== 0) out.add(s.remoteAddress);
  return [...out];
}

export const createHostNamesSlice: Slice<HostNamesSlice> = (set, get) => ({
  hostNames: new Map(),

  receiveHostNames(names) {
    const current = get().hostNames;
    let next: Map<string, string> | null = null;
    for (const n of names) {
      if ((current.get(n.address) ?? null) === n.name) continue;
      next ??= new Map(current);
      next.delete(n.address);
      if (n.name !== null) next.set(n.address, n.name);
    }
    if (!next) return;
    while (next.size > MAX_HOST_NAMES) next.delete(next.keys().next().value as string);
    set({ hostNames: next });
  },

  async resolveTableAddresses() {
    if (!get().settings?.resolveAddresses) return;
    const addresses = remoteAddresses(get().table);
    for (let i = 0; i < addresses.length; i += MAX_RESOLVE_ADDRESSES) {
      // waitMs 0: names known now come back at once, the rest arrive as hosts:resolved events.
      const r = await host.bridge.invoke('hosts:resolve', {
        addresses: addresses.slice(i, i + MAX_RESOLVE_ADDRESSES),
        waitMs: 0,
      });
      if (r.ok) get().receiveHostNames(r.value.names);
      else get().pushError(r.error);
    }
  },
});
