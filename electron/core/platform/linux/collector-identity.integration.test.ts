// Snapshot-to-snapshot identity on real sockets: unchanged sockets are the same objects, a state change is not.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawSocket } from '../../../../shared/model/socket';
import type { RawSnapshot } from '../../../../shared/model/snapshot';
import { connect, portOf } from '../../../test-support/net-fixtures';
import { createLinuxCollector } from './collector';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('Linux collector identity across snapshots (netlink)', () => {
  const collector = createLinuxCollector();
  let server: net.Server;
  let client: net.Socket;
  let accepted: net.Socket;
  let port: number;

  beforeAll(async () => {
    // allowHalfOpen: the accepted end stays in CLOSE_WAIT once the client half-closes.
    server = net.createServer({ allowHalfOpen: true });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = portOf(server);
    const arrived = new Promise<net.Socket>((resolve) => server.once('connection', resolve));
    client = await connect(port);
    accepted = await arrived;
    accepted.on('error', () => {});
    // Let the handshake's delayed ACKs settle so tcp_info (rtt, bytes) stops moving.
    await sleep(100);
  });
  afterAll(() => {
    client.destroy();
    accepted.destroy();
    server.close();
    collector.close();
  });

  /** Our listener and both ends of our connection, by role. */
  function ours(snap: RawSnapshot): Record<'listener' | 'client' | 'server', RawSocket | undefined> {
    const at = (lp: number, rp: number): RawSocket | undefined =>
      snap.sockets.find((s) => s.proto === 'tcp' && s.localPort === lp && s.remotePort === rp);
    const cport = client.localPort ?? -1;
    return { listener: at(port, 0), client: at(cport, port), server: at(port, cport) };
  }

  it('returns the very same objects when nothing changed, and a new one for a socket whose state changed', async ({
    skip,
  }) => {
    let a = collector.snapshot();
    if (a.source !== 'netlink') return skip(`netlink unavailable: ${a.fallbackReason ?? ''}`);
    // Another socket on the machine may change between two ticks; ours are idle, so look for one quiet pair.
    let b = collector.snapshot();
    for (let i = 0; i < 10 && ours(b).client !== ours(a).client; i++) {
      a = b;
      await sleep(50);
      b = collector.snapshot();
    }
    const before = ours(a);
    const after = ours(b);
    for (const role of ['listener', 'client', 'server'] as const) {
      expect(before[role], role).toBeDefined();
      expect(after[role], role).toBe(before[role]);
    }

    // Half-close the client: it moves to FIN_WAIT_2 and the server end (node keeps it open) to CLOSE_WAIT.
    client.end();
    await sleep(100);
    const c = ours(collector.snapshot());
    expect(c.client).not.toBe(after.client);
    expect(c.client?.state).toBe('FIN_WAIT_2');
    expect(c.server).not.toBe(after.server);
    expect(c.server?.state).toBe('CLOSE_WAIT');
    expect(c.listener).toBe(after.listener);
  });
});
