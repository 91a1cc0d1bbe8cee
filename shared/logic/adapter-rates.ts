// Per-interface byte rates from two adapter:list samples, and a bounded history of them for sparklines.
import type { AdapterList } from '../model/adapters';

/** Receive and send rates of one interface (bytes/s); null when a counter is missing or went backwards. */
export interface Rate {
  readonly rx: number | null;
  readonly tx: number | null;
}

const rate = (before: number | null, after: number | null, seconds: number): number | null =>
  before === null || after === null || after < before || seconds <= 0 ? null : (after - before) / seconds;

/** Rates by interface name between `prev` and `next` (a counter reset, e.g. a re-created device, gives null). */
export function adapterRates(prev: AdapterList | null, next: AdapterList): Map<string, Rate> {
  const out = new Map<string, Rate>();
  if (!prev) return out;
  const seconds = (next.takenAt - prev.takenAt) / 1000;
  const before = new Map(prev.adapters.map((a) => [`${a.index}/${a.name}`, a]));
  for (const a of next.adapters) {
    const b = before.get(`${a.index}/${a.name}`);
    if (b) out.set(a.name, { rx: rate(b.rxBytes, a.rxBytes, seconds), tx: rate(b.txBytes, a.txBytes, seconds) });
  }
  return out;
}

/** Appends each interface's rate to its history, keeping the last `max` points and dropping vanished names. */
export function appendRateHistory(
  history: ReadonlyMap<string, readonly Rate[]>,
  rates: ReadonlyMap<string, Rate>,
  max: number,
): Map<string, readonly Rate[]> {
  const out = new Map<string, readonly Rate[]>();
  for (const [name, r] of rates) out.set(name, [...(history.get(name) ?? []), r].slice(-max));
  return out;
}

/** `address/prefix` texts of an interface, IPv4 first. */
export function addressTexts(a: {
  readonly ipv4: readonly { address: string; prefix: number }[];
  readonly ipv6: readonly { address: string; prefix: number }[];
}): string[] {
  return [...a.ipv4, ...a.ipv6].map((x) => `${x.address}/${x.prefix}`);
}
