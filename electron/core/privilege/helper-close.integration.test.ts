// socket:close through the real root helper, which has no table: it looks the socket up and refuses what is not a
// connection of someone else's.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepAlive, startHelper, type KeepAlive, type StartedHelper } from '../../test-support/helper-fixtures';
import { closeAll, connectedPair, listen, portOf, type Opened } from '../../test-support/net-fixtures';

let parent = '';
let helper: StartedHelper;
let pinged: KeepAlive;
/** Plays the app: a process that holds one connection to a listener of its own, both printed as ports. */
let app: ChildProcess;
let appPorts: { listen: number; client: number };
const open: Opened = [];

beforeAll(async () => {
  const script = [
    "const net = require('node:net');",
    "const s = net.createServer((x) => x.on('error', () => {}));",
    "s.listen(0, '127.0.0.1', () => {",
    "  const k = net.connect(s.address().port, '127.0.0.1', () =>",
    '    console.log(JSON.stringify({ listen: s.address().port, client: k.localPort })));',
    "  k.on('error', () => {});",
    '});',
  ].join('\n');
  app = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  appPorts = await new Promise((resolve) => {
    let out = '';
    app.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(JSON.parse(out) as { listen: number; client: number });
    });
  });
  parent = fs.mkdtempSync(path.join(os.tmpdir(), 'netinspect-helper-close-'));
  helper = await startHelper(app.pid ?? -1, parent);
  pinged = await keepAlive(helper);
});

afterAll(() => {
  pinged?.stop();
  helper?.child.kill('SIGKILL');
  app?.kill('SIGKILL');
  closeAll(open);
  fs.rmSync(parent, { recursive: true, force: true });
});

const tuple = (localPort: number, remotePort: number) => ({
  family: 4,
  localAddress: '127.0.0.1',
  localPort,
  remoteAddress: '127.0.0.1',
  remotePort,
});
let id = 1;
const close = (req: unknown) =>
  pinged.connection.call(id++, 'socket:close', req) as Promise<{ ok: boolean; error?: { code: string; key?: string } }>;

describe.runIf(process.platform === 'linux')('socket:close in the helper', () => {
  it('refuses the listener the kernel would fall back to (no such peer) and a wildcard peer', async () => {
    const server = await listen();
    open.push(server);
    const port = portOf(server);
    expect((await close(tuple(port, 1))).error).toMatchObject({ code: 'ESRCH', key: 'actions.closeNotFound' });
    expect((await close({ ...tuple(port, 5), remoteAddress: '0.0.0.0' })).error?.code).toBe('INVALID_INPUT');
    expect((await close(tuple(port, 0))).error?.code).toBe('INVALID_INPUT');
    expect(server.listening).toBe(true);
  });

  it("refuses the app's own connection: the app is netinspect, though the helper does not descend from it", async () => {
    const r = await close(tuple(appPorts.client, appPorts.listen));
    expect(r.error).toMatchObject({ code: 'REFUSED', key: 'actions.closeRefusedOwn' });
    expect(app.exitCode).toBeNull();
  });

  it('closes a connection of another process (this test), as root', async () => {
    const { port, client } = await connectedPair(open);
    const reset = new Promise<string>((r) => client.once('error', (e: NodeJS.ErrnoException) => r(e.code ?? '')));
    const r = await close(tuple(client.localPort ?? 0, port));
    if (r.error?.code === 'NOT_SUPPORTED') {
      console.warn('SOCK_DESTROY unavailable here (no CONFIG_INET_DIAG_DESTROY)');
      return;
    }
    expect(r).toMatchObject({ ok: true, value: { closed: true, viaHelper: true } });
    expect(await reset).toBe('ECONNABORTED');
  });
});
