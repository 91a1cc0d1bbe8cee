// The one-walk TCP dump (the older request, every family) against the two per-family dumps, on real sockets.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KernelSocket } from './kernel-socket';
import { SockDiagClient } from './netlink-sockdiag';

const open: (net.Server | net.Socket)[] = [];
afterAll(() => open.forEach((o) => ('destroy' in o ? o.destroy() : o.close())));

async function listener(host: string): Promise<net.Server | null> {
  const s = net.createServer();
  return new Promise((resolve) => {
    s.once('error', () => resolve(null));
    s.listen(0, host, () => resolve(s));
  });
}

describe.skipIf(process.platform !== 'linux')('SockDiagClient TCP dump of both families', () => {
  beforeAll(async () => {
    for (const host of ['127.0.0.1', '::1']) {
      const s = await listener(host);
      if (s) open.push(s);
    }
  });

  it('reports the same sockets in one walk as the IPv4 and IPv6 dumps together', () => {
    const client = new SockDiagClient();
    try {
      // Sockets may come and go between the dumps (other tests): compare the listeners this test holds.
      const ports = open.map((s) => (s as net.Server).address() as net.AddressInfo).map((a) => a.port);
      const mine = (rows: KernelSocket[]) =>
        rows
          .filter((r) => r.state === 'LISTEN' && ports.includes(r.localPort))
          .map((r) => `${r.family} ${r.localAddress}:${r.localPort} ${r.cookie}`)
          .sort();
      const both: KernelSocket[] = [];
      client.dump('tcp', null, both);
      const split: KernelSocket[] = [];
      client.dump('tcp', 4, split);
      client.dump('tcp', 6, split);
      expect(mine(both)).toEqual(mine(split));
      expect(mine(both).length).toBe(open.length);
      expect(new Set(both.map((r) => r.family)).size).toBe(open.length > 1 ? 2 : 1);
    } finally {
      client.close();
    }
  });
});
