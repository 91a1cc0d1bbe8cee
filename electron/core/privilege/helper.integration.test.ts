// The privileged helper as a real root process: every refusal the issue lists, logged, and valid requests served.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RawConnection,
  startHelper,
  startSuiteHelper,
  until,
  type SuiteHelper,
} from '../../test-support/helper-fixtures';
import { NOBODY } from '../../test-support/nobody';

let helper: SuiteHelper;

beforeAll(async () => {
  // Searchable by nobody only for the foreign-uid case; the session directory itself stays 0700.
  helper = await startSuiteHelper('netinspect-helper-test-', 0o711);
});

afterAll(() => helper?.stop());

const errorOf = (m: unknown): { code?: string; key?: string } =>
  ((m as { error?: unknown; ok?: boolean })?.error ?? {}) as { code?: string; key?: string };

describe('privileged helper', () => {
  it('deleted the token file, keeps its directory 0700 and its socket 0600 for the app uid', () => {
    expect(fs.existsSync(helper.session.tokenFile)).toBe(false);
    expect(fs.statSync(helper.session.dir).mode & 0o777).toBe(0o700);
    const sock = fs.lstatSync(helper.session.endpoint);
    expect(sock.isSocket()).toBe(true);
    expect(sock.mode & 0o777).toBe(0o600);
    expect(sock.uid).toBe(process.getuid?.());
  });

  it('answers ping once the token was given', async () => {
    const c = await RawConnection.authed(helper.session.endpoint, helper.session.token);
    expect(await c.call(1, 'ping')).toMatchObject({ ok: true, value: { pong: true, pid: helper.child.pid } });
    c.socket.destroy();
  });

  it('refuses a wrong token and closes', async () => {
    const c = await RawConnection.open(helper.session.endpoint);
    c.write({ token: 'A'.repeat(43) });
    expect(errorOf(await c.next()).code).toBe('UNAUTHORIZED');
    await c.waitClosed();
    expect(helper.log()).toMatch(/refused: wrong token/);
  });

  it('refuses a request sent without a token first', async () => {
    const c = await RawConnection.open(helper.session.endpoint);
    c.write({ id: 1, op: 'process:kill', request: { pid: 1 } });
    expect(errorOf(await c.next()).code).toBe('UNAUTHORIZED');
    await c.waitClosed();
    expect(helper.log()).toMatch(/refused: the first message was not a token/);
  });

  it('refuses a peer with another uid, even one holding the right token', async () => {
    const dir = helper.session.dir;
    const sock = helper.session.endpoint;
    // Open the way for nobody just far enough to reach connect(): the helper's peer check must stop it.
    fs.chmodSync(dir, 0o711);
    fs.chmodSync(sock, 0o666);
    try {
      const script = `
        const c = require('net').connect(process.argv[1], () => c.write(JSON.stringify({ token: process.argv[2] }) + '\\n'));
        let got = '';
        let error = null;
        c.on('data', (d) => (got += d));
        c.on('error', (e) => (error = e.code));
        c.on('close', () => process.stdout.write(JSON.stringify({ closed: true, got, error })));`;
      const [cmd, ...args] = [...NOBODY, process.execPath, '-e', script, sock, helper.session.token];
      const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 10_000 });
      const outcome = JSON.parse(r.stdout) as { closed?: boolean; got?: string; error?: string };
      expect(outcome.closed).toBe(true);
      expect(outcome.got ?? '').not.toContain('ready');
      expect(helper.log()).toMatch(/refused: foreign uid 65534/);
    } finally {
      fs.chmodSync(sock, 0o600);
      fs.chmodSync(dir, 0o700);
    }
  });

  it('answers an unknown operation with UNKNOWN_CHANNEL and keeps the connection', async () => {
    const c = await RawConnection.authed(helper.session.endpoint, helper.session.token);
    expect(errorOf(await c.call(1, 'system:format-disk', {})).code).toBe('UNKNOWN_CHANNEL');
    // A contract channel that is not privileged is refused too.
    expect(errorOf(await c.call(2, 'settings:set', { refreshIntervalMs: 1 })).code).toBe('UNKNOWN_CHANNEL');
    expect(await c.call(3, 'ping')).toMatchObject({ ok: true });
    expect(helper.log()).toMatch(/refused "system:format-disk": UNKNOWN_CHANNEL/);
    c.socket.destroy();
  });

  it('refuses malformed JSON and closes', async () => {
    const c = await RawConnection.authed(helper.session.endpoint, helper.session.token);
    c.write('{"id": 1, "op": "ping"\n');
    expect(errorOf(await c.next()).code).toBe('INVALID_INPUT');
    await c.waitClosed();
    expect(helper.log()).toMatch(/refused: malformed JSON/);
  });

  it('refuses an oversized message before its end arrives, and closes', async () => {
    const c = await RawConnection.authed(helper.session.endpoint, helper.session.token);
    c.write(`{"id":1,"op":"ping","request":"${'x'.repeat(70 * 1024)}`);
    await c.waitClosed();
    expect(helper.log()).toMatch(/refused: message over 65536 bytes/);
  });

  it('refuses an invalid argument such as pid "1; rm -rf /"', async () => {
    const c = await RawConnection.authed(helper.session.endpoint, helper.session.token);
    const r = await c.call(1, 'process:kill', { pid: '1; rm -rf /' });
    expect(errorOf(r)).toMatchObject({ code: 'INVALID_INPUT', key: 'input.field' });
    expect(errorOf(await c.call(2, 'process:kill', { pid: 1, extra: 'x' })).code).toBe('INVALID_INPUT');
    expect(errorOf(await c.call(3, 'socket:close', { family: 4, localAddress: '$(reboot)' })).code).toBe(
      'INVALID_INPUT',
    );
    expect(helper.log()).toMatch(/refused "process:kill": INVALID_INPUT/);
    c.socket.destroy();
  });

  it('still serves valid requests on another connection: kills a process this test started', async () => {
    const victim = spawn('sleep', ['60'], { stdio: 'ignore' });
    const gone = new Promise((r) => victim.on('exit', r));
    const c = await RawConnection.authed(helper.session.endpoint, helper.session.token);
    const r = await c.call(1, 'process:kill', { pid: victim.pid, force: true });
    expect(r).toMatchObject({ ok: true, value: { pid: victim.pid, viaHelper: true } });
    await gone;
    expect(helper.child.exitCode).toBeNull();
    c.socket.destroy();
  });

  it('exits when the app pid named in the token file dies', async () => {
    const app = spawn('sleep', ['60'], { stdio: 'ignore' });
    const h = await startHelper(app.pid ?? -1, helper.parent);
    try {
      app.kill('SIGKILL');
      expect(await h.exited).toBe(0);
      expect(h.log()).toMatch(new RegExp(`exiting: app pid ${app.pid} is gone`));
      expect(fs.existsSync(h.session.endpoint)).toBe(false);
    } finally {
      h.child.kill('SIGKILL');
    }
  });

  it('logs and exits on an exception no request caught, removing its socket', async () => {
    // A fault outside any request: thrown from a signal handler the test plants before the helper's own code runs.
    const fault = path.join(helper.parent, 'fault.cjs');
    fs.writeFileSync(fault, "process.on('SIGUSR2', () => { throw new Error('planted fault'); });\n");
    const h = await startHelper(process.pid, helper.parent, ['--require', fault]);
    try {
      h.child.kill('SIGUSR2');
      await until(() => h.child.exitCode !== null, 5_000, 'the helper to exit');
      expect(h.child.exitCode).toBe(70);
      expect(h.log()).toMatch(/exiting: uncaught: Error: planted fault/);
      expect(fs.existsSync(h.session.endpoint)).toBe(false);
    } finally {
      h.child.kill('SIGKILL');
    }
  });

  it('exits when no ping arrives for the heartbeat period', async () => {
    const h = await startHelper(process.pid, helper.parent);
    try {
      await until(() => h.child.exitCode !== null, 15_000, 'the helper to exit');
      expect(h.log()).toMatch(/exiting: no ping for 10000 ms/);
    } finally {
      h.child.kill('SIGKILL');
    }
  }, 20_000);
});
