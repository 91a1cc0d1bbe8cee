// The resolver's rules, with a real hosts file in a temp dir and the PTR lookup replaced at its boundary (tests send
// no DNS queries): what is sent, what waits, what a hanging resolver costs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HostNames, type HostName } from './host-names';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netinspect-hosts-'));
const hostsFile = path.join(dir, 'hosts');
fs.writeFileSync(hostsFile, '127.0.0.42 db.test.internal\n10.0.0.7 nas.lan\n');
let live: HostNames[] = [];
afterEach(() => {
  for (const h of live) h.dispose();
  live = [];
});
const make = (o: ConstructorParameters<typeof HostNames>[0]) => {
  const h = new HostNames({ hostsFile, batchMs: 5, ...o });
  live.push(h);
  return h;
};

describe('HostNames', () => {
  it('answers from the hosts file at once and never queries loopback or private addresses unless asked', async () => {
    const asked: string[] = [];
    const h = make({ reverse: async (a) => (asked.push(a), ['x']) });
    expect([...h.lookup(['127.0.0.42', '127.0.0.1', '10.0.0.7', '192.168.1.9', '0.0.0.0'], false).values()]).toEqual([
      { address: '127.0.0.42', name: 'db.test.internal', source: 'hosts' },
      { address: '10.0.0.7', name: 'nas.lan', source: 'hosts' },
    ]);
    await new Promise((r) => setTimeout(r, 20));
    expect(asked).toEqual([]);
    h.lookup(['192.168.1.9'], true);
    await new Promise((r) => setTimeout(r, 20));
    expect(asked).toEqual(['192.168.1.9']);
  });

  it('queries public addresses in the background, batches the answers and caches them', async () => {
    const batches: HostName[][] = [];
    const asked: string[] = [];
    const h = make({
      reverse: async (a) => (asked.push(a), a === '203.0.113.5' ? ['web.example'] : []),
      onResolved: (b) => batches.push([...b]),
    });
    expect(h.lookup(['203.0.113.5', '198.51.100.1'], false).size).toBe(0);
    await new Promise((r) => setTimeout(r, 30));
    expect(batches.flat()).toEqual([
      { address: '203.0.113.5', name: 'web.example', source: 'dns' },
      { address: '198.51.100.1', name: null, source: 'dns' },
    ]);
    expect([...h.lookup(['203.0.113.5', '198.51.100.1'], false).values()]).toEqual([
      { address: '203.0.113.5', name: 'web.example', source: 'dns' },
    ]);
    expect(asked).toEqual(['203.0.113.5', '198.51.100.1']);
  });

  it('with a resolver that hangs, returns at once, keeps at most `concurrency` queries in flight, times them out', async () => {
    let calls = 0;
    const h = make({ reverse: () => (calls++, new Promise<string[]>(() => {})), concurrency: 2, timeoutMs: 50 });
    const addresses = Array.from({ length: 10 }, (_, i) => `203.0.113.${i + 1}`);
    // lookup is synchronous (a Map, not a promise): a refresh calls it on its way and never waits for DNS.
    expect(h.lookup(addresses, false).size).toBe(0);
    expect(h.stats()).toMatchObject({ inFlight: 2, queued: 8 });
    expect(calls).toBe(2);
    const answered = await h.resolve(addresses, false, 2_000);
    expect(answered.size).toBe(0);
    expect(h.stats()).toMatchObject({ inFlight: 0, queued: 0, cached: 10 });
    expect(calls).toBe(10);
  });

  it('resolve() waits for the answers it needs, no longer than asked', async () => {
    const h = make({
      reverse: (a) => new Promise((r) => setTimeout(() => r([`n-${a}`]), a.endsWith('.1') ? 10 : 500)),
    });
    const got = await h.resolve(['203.0.113.1', '203.0.113.2'], false, 100);
    expect([...got.values()].map((n) => n.name)).toEqual(['n-203.0.113.1']);
  });
});
