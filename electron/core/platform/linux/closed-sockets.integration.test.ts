// Closed connections from the destroy groups against real loopback connections: every one arrives, with payload
// bytes exactly as the applications wrote and read them, for a normal close, an orphaned close, a reset and a
// refused connect.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClosedSocket } from './closed-socket-decode';
import { ClosedSocketListener } from './closed-socket-listener';

const PAYLOAD = 1000;
let listener: ClosedSocketListener;
const seen: ClosedSocket[] = [];

beforeAll(() => {
  const opened = ClosedSocketListener.open();
  if ('unavailable' in opened) throw new Error(`destroy listener unavailable: ${JSON.stringify(opened.unavailable)}`);
  listener = opened;
});

afterAll(() => listener?.close());

/** Drains until `want` events about `port` (local or remote) have arrived, or 10 s pass. */
async function eventsOf(port: number, want: number): Promise<ClosedSocket[]> {
  const of = (): ClosedSocket[] => seen.filter((e) => e.localPort === port || e.remotePort === port);
  for (let i = 0; i < 200 && of().length < want; i++) {
    seen.push(...listener.drain());
    await new Promise((r) => setTimeout(r, 50));
  }
  return of();
}

type ServerMode = 'echo-then-end' | 'echo-then-late-end' | 'echo-then-reset';

/** A listener whose connections read PAYLOAD bytes, answer with PAYLOAD bytes, and then close as `mode` says. */
async function server(mode: ServerMode): Promise<{ server: net.Server; port: number }> {
  const s = net.createServer({ allowHalfOpen: true }, (c) => {
    c.on('error', () => undefined);
    let got = 0;
    c.on('data', (d: Buffer) => {
      got += d.length;
      if (got !== PAYLOAD) return;
      c.write(Buffer.alloc(PAYLOAD, 0x62));
      if (mode === 'echo-then-reset') setTimeout(() => c.resetAndDestroy(), 50);
    });
    c.on('end', () => {
      if (mode === 'echo-then-end') c.end();
      else if (mode === 'echo-then-late-end') setTimeout(() => c.end(), 200);
    });
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return { server: s, port: (s.address() as net.AddressInfo).port };
}

/** Connects, writes PAYLOAD bytes, reads PAYLOAD bytes, then ends (shutdown) or destroys (close) the socket. */
function client(port: number, close: 'end' | 'destroy' | 'none'): Promise<number> {
  return new Promise((resolve, reject) => {
    const c = net.connect(port, '127.0.0.1', () => c.write(Buffer.alloc(PAYLOAD, 0x61)));
    let got = 0;
    let local = -1;
    c.on('connect', () => (local = c.localPort ?? -1));
    c.on('data', (d: Buffer) => {
      got += d.length;
      if (got !== PAYLOAD) return;
      if (close === 'end') c.end();
      else if (close === 'destroy') c.destroy();
    });
    c.on('error', () => undefined);
    c.on('close', () => (local > 0 ? resolve(local) : reject(new Error('never connected'))));
  });
}

/**
 * One connection to a `mode` server, closed by the client as `close` says, once both of its ends' events arrived:
 * those events, the client's end among them, and both ports.
 */
async function closeOne(mode: ServerMode, close: 'end' | 'destroy' | 'none') {
  const { server: s, port } = await server(mode);
  const local = await client(port, close);
  const events = await eventsOf(port, 2);
  s.close();
  return { events, mine: events.find((e) => e.localPort === local), local, port };
}

describe('closed connections through the destroy groups', () => {
  it('delivers 300 connections closed between two ticks, each with 1,000 payload bytes each way', async () => {
    const { server: s, port } = await server('echo-then-end');
    const started = performance.now();
    const ports = await Promise.all(Array.from({ length: 300 }, () => client(port, 'end')));
    // Not asserted (timing belongs in bench/); printed so a slow run is visible.
    console.log(`300 connections opened and closed in ${Math.round(performance.now() - started)} ms`);
    const events = await eventsOf(port, 600);
    s.close();
    const clients = events.filter((e) => e.remotePort === port);
    const servers = events.filter((e) => e.localPort === port && e.remotePort !== 0);
    expect(clients.map((e) => e.localPort).sort()).toEqual([...ports].sort());
    expect(servers.map((e) => e.remotePort).sort()).toEqual([...ports].sort());
    for (const e of [...clients, ...servers]) {
      expect(e).toMatchObject({ proto: 'tcp', family: 4, state: 'CLOSED', localAddress: '127.0.0.1' });
      expect(e.tcp).toMatchObject({ bytesSent: PAYLOAD, bytesReceived: PAYLOAD });
      expect(e.cookie).toMatch(/^\d+$/);
    }
    // What the kernel counts: both FINs reached full sockets here; the client's acked count holds its SYN too.
    expect(clients[0].tcp).toMatchObject({ kernelBytesReceived: PAYLOAD + 1, bytesAcked: PAYLOAD + 2 });
    expect(servers[0].tcp).toMatchObject({ kernelBytesReceived: PAYLOAD + 1, bytesAcked: PAYLOAD + 1 });
    expect(listener.lost()).toEqual({ events: 0, exact: true });
  });

  it('an orphaned active close does not count the peer FIN; pairing still gives exact payload', async () => {
    const { events, mine, local } = await closeOne('echo-then-late-end', 'destroy');
    expect(mine?.tcp).toMatchObject({ kernelBytesReceived: PAYLOAD, bytesReceived: PAYLOAD, bytesSent: PAYLOAD });
    const peer = events.find((e) => e.remotePort === local);
    expect(peer?.tcp).toMatchObject({ kernelBytesReceived: PAYLOAD + 1, bytesReceived: PAYLOAD });
  });

  it('a reset: the side that received it counts no FIN; the side that sent it lost every counter', async () => {
    const { events, mine, port } = await closeOne('echo-then-reset', 'none');
    expect(mine?.tcp).toMatchObject({ kernelBytesReceived: PAYLOAD, bytesSent: PAYLOAD, bytesAcked: PAYLOAD + 1 });
    // SO_LINGER 0: tcp_disconnect() zeroed the peer port and the counters before the socket was freed (an
    // unbound socket loses its local address too); the event keeps no connection facts.
    const aborted = events.filter((e) => e.localPort === port);
    expect(aborted).toHaveLength(1);
    expect(aborted[0]).toMatchObject({ remotePort: 0, tcp: null });
  });

  it('a refused connect keeps its destination, with nothing sent or received', async () => {
    const { server: s, port } = await server('echo-then-end');
    await new Promise((r) => s.close(r));
    const refused = await new Promise<Error>((resolve) => net.connect(port, '127.0.0.1').on('error', resolve));
    expect(refused).toMatchObject({ code: 'ECONNREFUSED' });
    // Two events about the port: the listener closing (no peer), then the refused connect.
    const events = await eventsOf(port, 2);
    const failed = events.filter((e) => e.remotePort === port);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ localAddress: '127.0.0.1', remoteAddress: '127.0.0.1', state: 'CLOSED' });
    expect(failed[0].localPort).toBeGreaterThan(0);
    expect(failed[0].tcp).toMatchObject({ bytesSent: 0, bytesReceived: 0, kernelBytesReceived: 0, bytesAcked: 0 });
  });
});
