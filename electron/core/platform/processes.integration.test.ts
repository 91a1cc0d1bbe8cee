// Platform processes and connections in this process against real children and sockets: refusals, ESRCH, details, close.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import type net from 'node:net';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/model/errors';
import { exitedPid, spawnHolder, ssLines, stopAll } from '../../test-support/child-fixtures';
import { connect, listen, portOf, waitFor } from '../../test-support/net-fixtures';
import { createPlatform } from './index';
import type { ConnectionControl } from './platform';

const { processes } = createPlatform();
const open: (net.Server | net.Socket)[] = [];
afterAll(() => {
  stopAll();
  open.forEach((o) => ('destroy' in o ? o.destroy() : o.close()));
});

async function failure(p: Promise<unknown> | (() => unknown)): Promise<AppError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected a failure');
}

/** A connected pair on loopback: the client socket, the server's accepted socket, the listener's port. */
async function pair(): Promise<{ client: net.Socket; accepted: net.Socket; port: number }> {
  const server = await listen();
  open.push(server);
  const port = portOf(server);
  const acceptedP = new Promise<net.Socket>((r) => server.once('connection', r));
  const client = await connect(port);
  const accepted = await acceptedP;
  for (const s of [client, accepted]) {
    s.on('error', () => {});
    open.push(s);
  }
  return { client, accepted, port };
}

const tupleOf = (client: net.Socket, port: number) =>
  ({
    family: 4,
    localAddress: '127.0.0.1',
    localPort: client.localPort ?? 0,
    remoteAddress: '127.0.0.1',
    remotePort: port,
  }) as const;

describe.runIf(process.platform === 'linux')('process actions on Linux', () => {
  it('refuses pid 1 and this very process, naming the reason, and signals neither', async () => {
    const init = await failure(processes.kill({ pid: 1, force: true }));
    expect(init).toMatchObject({ code: 'REFUSED', key: 'actions.refusedReserved' });
    expect(init.message).toMatch(/^PID 1 \(.+\) belongs to the operating system/);
    const self = await failure(processes.kill({ pid: process.pid, force: true }));
    expect(self).toMatchObject({ code: 'REFUSED', key: 'actions.refusedOwn' });
    expect(processes.details(process.pid)).toMatchObject({ own: true, refusal: 'actions.refusedOwn' });
  });

  it('answers ESRCH "already exited" for a pid that exited', async () => {
    const pid = await exitedPid();
    const e = await failure(processes.kill({ pid, force: false }));
    expect(e).toMatchObject({ code: 'ESRCH', key: 'actions.gone', message: `Process ${pid} has already exited.` });
    expect((await failure(() => processes.details(pid))).code).toBe('ESRCH');
  });

  it('answers ESRCH when the pid started at another time than the one confirmed, and leaves it running', async () => {
    const h = await spawnHolder();
    const d = processes.details(h.pid);
    expect(d.startTime).not.toBeNull();
    const e = await failure(processes.kill({ pid: h.pid, force: true, expectStartTime: (d.startTime ?? 0) - 60_000 }));
    expect(e).toMatchObject({ code: 'ESRCH', key: 'actions.pidReused' });
    expect(e.message).toContain(`PID ${h.pid} now belongs to another process`);
    expect(h.child.exitCode).toBeNull();
    expect(processes.details(h.pid).pid).toBe(h.pid);
  });

  it("gives a child's details: exe, command line, user, start time, parent, own (our descendant)", async () => {
    const h = await spawnHolder();
    const d = processes.details(h.pid);
    expect(d).toMatchObject({
      pid: h.pid,
      name: 'node',
      exe: process.execPath,
      user: os.userInfo().username,
      uid: process.getuid?.(),
      ppid: process.pid,
      kernelThread: false,
      own: true,
      refusal: 'actions.refusedOwn',
    });
    expect(d.cmdline).toContain('createServer');
    expect(Math.abs((d.startTime ?? 0) - Date.now())).toBeLessThan(60_000);
    expect(processes.details(2)).toMatchObject({ kernelThread: true, refusal: 'actions.refusedKernelThread' });
  });
});

describe.runIf(process.platform === 'linux')('closing a connection through SOCK_DESTROY', () => {
  // The connections below are this test process's own: here it plays the user's program, so the netinspect whose
  // close runs must be another process (a child holding nothing), or the close would refuse them as netinspect's.
  let netinspect: ChildProcess;
  let closer: ConnectionControl;
  beforeAll(() => {
    netinspect = spawn('sleep', ['600'], { stdio: 'ignore' });
    closer = createPlatform('linux', { selfPid: netinspect.pid ?? -1 }).connections;
  });
  afterAll(() => {
    netinspect.kill('SIGKILL');
  });

  it('resets an ESTABLISHED loopback connection: both ends see it, ss no longer lists it', async (ctx) => {
    // Detect support on a throwaway connection of our own.
    const probe = await pair();
    try {
      closer.close(tupleOf(probe.client, probe.port));
    } catch (e) {
      if (e instanceof AppError && (e.code === 'NOT_SUPPORTED' || e.code === 'NEEDS_ELEVATION')) {
        ctx.skip(true, `SOCK_DESTROY unavailable here: ${e.message}`);
        return;
      }
      throw e;
    }
    const { client, accepted, port } = await pair();
    const clientClosed = new Promise<string>((r) =>
      client.once('error', (e: NodeJS.ErrnoException) => r(e.code ?? '')),
    );
    const serverClosed = new Promise<string>((r) =>
      accepted.once('error', (e: NodeJS.ErrnoException) => r(e.code ?? '')),
    );
    const before = ssLines(
      execFileSync('ss', ['-tanH'], { encoding: 'utf8', maxBuffer: 256 << 20 }),
      client.localPort ?? 0,
    );
    expect(before.filter((l) => l.startsWith('ESTAB'))).toHaveLength(2);

    expect(closer.close(tupleOf(client, port))).toEqual({ closed: true, method: 'sock_destroy' });
    // The destroyed end reports the abort; the peer got a RST.
    expect(await clientClosed).toBe('ECONNABORTED');
    expect(await serverClosed).toBe('ECONNRESET');
    await waitFor(() =>
      ssLines(execFileSync('ss', ['-tanH'], { encoding: 'utf8', maxBuffer: 256 << 20 }), client.localPort ?? 0)
        .length === 0
        ? true
        : undefined,
    );
    // Closing it again: it is gone.
    expect(await failure(() => closer.close(tupleOf(client, port)))).toMatchObject({
      code: 'ESRCH',
      key: 'actions.closeNotFound',
    });
  });

  it('refuses an address that does not match the family before touching the kernel', async () => {
    const e = await failure(() =>
      closer.close({ family: 6, localAddress: '127.0.0.1', localPort: 1, remoteAddress: '::1', remotePort: 2 }),
    );
    expect(e).toMatchObject({ code: 'INVALID_INPUT', key: 'input.addressFamily' });
  });
});
