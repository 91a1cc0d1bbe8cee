// `netinspect kill` and `close` as users run them: real children and connections, exit codes, unprivileged runs.
import { execFileSync } from 'node:child_process';
import type net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnHolder, ssLines, stopAll } from '../test-support/child-fixtures';
import { refusalLine } from '../test-support/cli-refusal';
import { closeAll, connect, listen, portOf, runCli, type Opened } from '../test-support/net-fixtures';
import { canRunAsNobody, NOBODY } from '../test-support/nobody';

const open: Opened = [];
afterAll(() => {
  stopAll();
  closeAll(open);
});

const listed = (port: number) =>
  ssLines(execFileSync('ss', ['-tanH'], { encoding: 'utf8', maxBuffer: 256 << 20 }), port);

interface KillJson {
  pid: number;
  outcome: string;
  elapsedMs: number;
  viaHelper: boolean;
}

describe.runIf(process.platform === 'linux')('netinspect kill', () => {
  it('ends a child holding a listener with SIGTERM: terminated, its listener gone', async () => {
    const h = await spawnHolder();
    expect(listed(h.port)).toHaveLength(1);
    const r = await runCli(['kill', String(h.pid), '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as KillJson;
    expect(out).toMatchObject({ pid: h.pid, outcome: 'terminated', viaHelper: false });
    expect(out.elapsedMs).toBeLessThan(3000);
    expect(await h.exited).toEqual({ code: null, signal: 'SIGTERM' });
    expect(listed(h.port)).toEqual([]);
  });

  it('kills a child that ignores SIGTERM with --force after the grace period: killed', async () => {
    const h = await spawnHolder({ ignoreTerm: true });
    const r = await runCli(['kill', String(h.pid), '--force']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(
      new RegExp(`^Process ${h.pid} ignored SIGTERM and was killed with SIGKILL \\(\\d+ ms\\)\\.$`),
    );
    expect(await h.exited).toEqual({ code: null, signal: 'SIGKILL' });
  });

  it('without --force, leaves a child that ignores SIGTERM running and says to use Force (exit 1)', async () => {
    const h = await spawnHolder({ ignoreTerm: true });
    const r = await runCli(['kill', String(h.pid)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe(
      `netinspect: Process ${h.pid} (node) did not exit 3 s after SIGTERM: use Force to kill it.`,
    );
    expect(h.child.exitCode).toBeNull();
    expect(listed(h.port)).toHaveLength(1);
  });

  it('says "already exited" for a pid that is gone, and refuses pid 1 and kernel threads (exit 1)', async () => {
    const h = await spawnHolder();
    h.child.kill('SIGKILL');
    await h.exited;
    const gone = await runCli(['kill', String(h.pid)]);
    expect(gone.code).toBe(1);
    expect(gone.stderr.trim()).toBe(`netinspect: Process ${h.pid} has already exited.`);
    const init = await runCli(['kill', '1', '--force']);
    expect(init.code).toBe(1);
    expect(init.stderr).toMatch(/PID 1 \(.+\) belongs to the operating system: netinspect will not end it\./);
    const kthread = await runCli(['kill', '2']);
    expect(kthread.stderr).toMatch(/is a kernel thread/);
  });

  it.each([['abc'], ['0'], ['-5'], ['1; rm -rf /'], ['99999999999']])('refuses pid %j with exit 2', async (pid) => {
    const r = await runCli(['kill', pid]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').filter(Boolean)[0]).toMatch(/Invalid PID|unknown option/);
  });

  it("as nobody, killing root's child answers NEEDS_ELEVATION: run with sudo (exit 1), and the child lives", async (ctx) => {
    if (!canRunAsNobody()) {
      ctx.skip(true, 'needs root and setpriv(1) to run the CLI as nobody');
      return;
    }
    const h = await spawnHolder();
    const r = await runCli(['kill', String(h.pid), '--force'], { wrap: NOBODY });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`netinspect: Process ${h.pid} belongs to another user: run with sudo.`);
    expect(h.child.exitCode).toBeNull();
    expect(listed(h.port)).toHaveLength(1);
  });
});

describe.runIf(process.platform === 'linux')('netinspect close', () => {
  async function established(): Promise<{ client: net.Socket; port: number }> {
    const server = await listen();
    open.push(server);
    server.on('connection', (s) => open.push(s));
    const port = portOf(server);
    const client = await connect(port);
    client.on('error', () => {});
    open.push(client);
    return { client, port };
  }

  it('closes one connection by its endpoints, or says why it cannot', async (ctx) => {
    const { client, port } = await established();
    const local = `127.0.0.1:${client.localPort}`;
    const closed = new Promise<void>((r) => client.once('close', () => r()));
    const r = await runCli(['close', local, `127.0.0.1:${port}`, '--json']);
    if (r.code === 1 && /CONFIG_INET_DIAG_DESTROY/.test(r.stderr)) {
      ctx.skip(true, `SOCK_DESTROY unavailable: ${r.stderr.trim()}`);
      return;
    }
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ closed: true, method: 'sock_destroy', viaHelper: false });
    await closed;
    expect(listed(client.localPort ?? 0)).toEqual([]);
    const again = await runCli(['close', local, `127.0.0.1:${port}`]);
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toBe(
      `netinspect: No such connection ${local} -> 127.0.0.1:${port}: it may have closed already.`,
    );
  });

  it("as nobody, closing root's connection answers NEEDS_ELEVATION (exit 1) and the connection stays", async (ctx) => {
    if (!canRunAsNobody()) {
      ctx.skip(true, 'needs root and setpriv(1) to run the CLI as nobody');
      return;
    }
    const { client, port } = await established();
    const r = await runCli(['close', `127.0.0.1:${client.localPort}`, `127.0.0.1:${port}`], { wrap: NOBODY });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('netinspect: Closing a connection needs CAP_NET_ADMIN: run with sudo.');
    expect(listed(client.localPort ?? 0).filter((l) => l.startsWith('ESTAB'))).toHaveLength(2);
  });

  it.each([
    [['127.0.0.1', '127.0.0.1:80'], /Invalid local endpoint "127.0.0.1": write ADDRESS:PORT/],
    [['localhost:80', '127.0.0.1:80'], /Invalid local address "localhost"/],
    [['127.0.0.1:80', '[::1]:80'], /mix IPv4 and IPv6/],
    [['127.0.0.1:80', '127.0.0.1:99999'], /Invalid remote 99999: ports go from 1 to 65535/],
    [['127.0.0.1:80'], /missing required argument/],
  ])('refuses %j with exit 2 and one line', async (args, message) => {
    expect(await refusalLine(['close', ...args])).toMatch(message);
  });

  it('explains bad endpoints in Chinese under LANG=zh_CN', async () => {
    const r = await runCli(['close', '127.0.0.1:80', '[::1]:80'], { env: { LANG: 'zh_CN.UTF-8', LC_ALL: '' } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      'netinspect：端点 127.0.0.1:80 和 [::1]:80 混用了 IPv4 和 IPv6：一个连接只有一种地址族。',
    );
  });
});
