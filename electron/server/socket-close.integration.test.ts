// socket:close through real browser mode: listeners and serve's own connections are refused; a connection closes.
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRpc, type Rpc } from '../test-support/ws-rpc';
import { closeAll, connectedPair, listen, portOf, type Opened } from '../test-support/net-fixtures';
import { startServed, type Served } from '../test-support/served-rpc';

describe.runIf(process.platform === 'linux')('socket:close over netinspect serve', () => {
  let served: Served;
  let url: URL;
  let wsUrl: string;
  let rpc: Rpc;
  const open: Opened = [];

  beforeAll(async () => {
    served = await startServed([], { asPage: true });
    ({ url, wsUrl, rpc } = served);
  });

  afterAll(async () => {
    closeAll(open);
    await served?.stop();
  });

  /** serve still answers: the page with its token, and a fresh WebSocket that completes a request. */
  async function stillServing(): Promise<void> {
    expect((await fetch(url)).status).toBe(200);
    const again = await openRpc(wsUrl, { Origin: `http://${url.host}` });
    try {
      expect((await again.call('app:info')).ok).toBe(true);
    } finally {
      again.ws.terminate();
    }
  }

  it("refuses serve's own listener named as {remote 0.0.0.0:0}, and serve keeps accepting", async () => {
    const port = Number(url.port);
    const r = await rpc.call('socket:close', {
      family: 4,
      localAddress: '127.0.0.1',
      localPort: port,
      remoteAddress: '0.0.0.0',
      remotePort: 0,
    });
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('INVALID_INPUT');
    await stillServing();
  });

  it('answers ESRCH for a peer that does not exist, instead of destroying the listener the kernel falls back to', async () => {
    const r = await rpc.call('socket:close', {
      family: 4,
      localAddress: '127.0.0.1',
      localPort: Number(url.port),
      remoteAddress: '127.0.0.1',
      remotePort: 1,
    });
    expect(r.error).toMatchObject({ code: 'ESRCH', key: 'actions.closeNotFound' });
    await stillServing();
  });

  it("leaves a test's listener alone for a peer it never had, and refuses serve's own connection to this test", async () => {
    const server = await listen();
    open.push(server);
    const port = portOf(server);
    const asListener = await rpc.call('socket:close', {
      family: 4,
      localAddress: '127.0.0.1',
      localPort: port,
      remoteAddress: '127.0.0.1',
      remotePort: 1,
    });
    expect(asListener.error?.code).toBe('ESRCH');
    expect(server.listening).toBe(true);
    // serve's end of this test's WebSocket: local = serve's port, remote = the test's ephemeral port.
    const wsLocal = (rpc.ws as unknown as { _socket: net.Socket })._socket;
    const own = await rpc.call('socket:close', {
      family: 4,
      localAddress: '127.0.0.1',
      localPort: Number(url.port),
      remoteAddress: '127.0.0.1',
      remotePort: wsLocal.localPort,
    });
    expect(own.error).toMatchObject({ code: 'REFUSED', key: 'actions.closeRefusedOwn' });
    expect((await rpc.call('app:info')).ok).toBe(true);
  });

  it.skipIf(process.getuid?.() !== 0)('still closes a loopback connection this test owns (as root)', async () => {
    const { server, port, client } = await connectedPair(open);
    const reset = new Promise<string>((r) => client.once('error', (e: NodeJS.ErrnoException) => r(e.code ?? '')));
    const r = await rpc.call('socket:close', {
      family: 4,
      localAddress: '127.0.0.1',
      localPort: client.localPort,
      remoteAddress: '127.0.0.1',
      remotePort: port,
    });
    if (r.error?.code === 'NOT_SUPPORTED') {
      console.warn(`SOCK_DESTROY unavailable here (no CONFIG_INET_DIAG_DESTROY): ${r.error.message}`);
      return;
    }
    expect(r).toMatchObject({ ok: true, value: { closed: true, method: 'sock_destroy', viaHelper: false } });
    expect(await reset).toBe('ECONNABORTED');
    expect(server.listening).toBe(true);
  });
});
