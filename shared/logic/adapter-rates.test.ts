import { describe, expect, it } from 'vitest';
import type { Adapter, AdapterList } from '../model/adapters';
import { adapterRates, addressTexts, appendRateHistory } from './adapter-rates';

const adapter = (name: string, index: number, rx: number | null, tx: number | null): Adapter => ({
  name,
  index,
  kind: 'tap',
  state: 'up',
  adminUp: true,
  mac: null,
  mtu: 1500,
  ipv4: [{ address: '10.0.0.1', prefix: 24 }],
  ipv6: [{ address: 'fd00::1', prefix: 64 }],
  tun: null,
  rxBytes: rx,
  txBytes: tx,
  description: null,
  removable: true,
});
const list = (takenAt: number, adapters: Adapter[]): AdapterList => ({
  takenAt,
  adapters,
  creatable: { tap: true, tun: true, reasonKey: null },
});

describe('adapterRates', () => {
  it('divides counter growth by elapsed seconds', () => {
    const r = adapterRates(list(1000, [adapter('a', 1, 100, 0)]), list(3000, [adapter('a', 1, 2100, 500)]));
    expect(r.get('a')).toEqual({ rx: 1000, tx: 250 });
  });
  it('gives null for counters that went backwards or are missing, and nothing for new or re-indexed links', () => {
    const r = adapterRates(
      list(0, [adapter('a', 1, 100, null), adapter('b', 2, 0, 0)]),
      list(1000, [adapter('a', 1, 50, 10), adapter('b', 3, 10, 10), adapter('c', 4, 1, 1)]),
    );
    expect(r.get('a')).toEqual({ rx: null, tx: null });
    expect(r.has('b')).toBe(false);
    expect(r.has('c')).toBe(false);
    expect(adapterRates(null, list(0, [])).size).toBe(0);
  });
  it('keeps a bounded history and forgets vanished interfaces', () => {
    let h = new Map<string, readonly { rx: number | null; tx: number | null }[]>();
    for (let i = 0; i < 5; i++) h = appendRateHistory(h, new Map([['a', { rx: i, tx: i }]]), 3);
    expect(h.get('a')?.map((x) => x.rx)).toEqual([2, 3, 4]);
    expect(appendRateHistory(h, new Map(), 3).size).toBe(0);
  });
  it('lists addresses IPv4 first', () => {
    expect(addressTexts(adapter('a', 1, 0, 0))).toEqual(['10.0.0.1/24', 'fd00::1/64']);
  });
});
