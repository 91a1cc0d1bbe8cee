// The broker end to end without a password prompt: the real command line run by sh, a real helper, real kills.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PrivilegeStatus } from '../../../shared/model/privilege';
import { HELPER, until } from '../../test-support/helper-fixtures';
import { CollectorHost } from '../collector/host';
import { createPrivilegeBroker, type PrivilegeBroker } from './broker';
import { launchError, type Launcher } from './launcher';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

/** Stands in for sudo-prompt: runs the very command string it would get, in its own process group (we are root). */
function shellLauncher(started: ChildProcess[]): Launcher {
  return (command, onExit) => {
    const child = spawn('/bin/sh', ['-c', command], { detached: true, stdio: 'ignore' });
    started.push(child);
    child.on('exit', (code) => onExit(code === 0 ? null : launchError(new Error(`Command failed: exit ${code}`))));
  };
}

function broker(launcher: Launcher): { b: PrivilegeBroker; statuses: PrivilegeStatus[] } {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'netinspect-broker-test-'));
  const b = createPrivilegeBroker({
    helperScript: HELPER,
    launcher,
    // A graphical session with pkexec, and not root: the paths a desktop user takes.
    environment: { platform: 'linux', env: { DISPLAY: ':0' }, executable: () => true },
    isElevated: () => false,
    startTimeoutMs: 10_000,
    heartbeatMs: 500,
    sessionParent: parent,
  });
  const statuses: PrivilegeStatus[] = [];
  b.onStatus((s) => statuses.push(s));
  cleanups.push(() => {
    b.dispose();
    fs.rmSync(parent, { recursive: true, force: true });
  });
  return { b, statuses };
}

const killGroup = (c: ChildProcess): void => {
  try {
    if (c.pid) process.kill(-c.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
};

describe('privilege broker with a real helper', () => {
  it('starts the helper once, kills through it, and goes back to none when the helper dies', async () => {
    const started: ChildProcess[] = [];
    cleanups.push(() => started.forEach(killGroup));
    const { b, statuses } = broker(shellLauncher(started));
    expect(b.status()).toMatchObject({ elevated: false, helper: 'none', canElevate: true, collectorElevated: false });
    expect(b.available).toBe(false);

    const s = await b.elevate({ collector: false });
    expect(s.helper).toBe('running');
    expect(statuses.map((x) => x.helper)).toEqual(['starting', 'running']);
    expect(b.available).toBe(true);

    const victim = spawn('sleep', ['60'], { stdio: 'ignore' });
    const gone = new Promise((r) => victim.on('exit', r));
    const r = await b.run('process:kill', { pid: victim.pid ?? -1, force: true });
    expect(r).toMatchObject({ pid: victim.pid, viaHelper: true });
    await gone;

    // A second elevation reuses the running helper: no new launch.
    await b.elevate({ collector: false });
    expect(started).toHaveLength(1);

    // Errors come back as AppErrors with their code.
    await expect(b.run('process:kill', { pid: 2 ** 31 - 2 })).rejects.toMatchObject({ code: 'ESRCH' });

    const [launched] = started;
    if (launched) killGroup(launched);
    await until(() => b.status().helper === 'none', 5_000, 'status none');
    expect(statuses.at(-1)?.helper).toBe('none');
    expect(b.available).toBe(false);
    await expect(b.run('process:kill', { pid: 1 })).rejects.toMatchObject({
      code: 'NEEDS_ELEVATION',
      key: 'privilege.notRunning',
    });
  });

  it('creates and removes a TAP adapter through the helper', async () => {
    const name = 'nitesthelper0';
    const started: ChildProcess[] = [];
    cleanups.push(() => {
      started.forEach(killGroup);
      spawnSync('ip', ['link', 'del', name], { stdio: 'ignore' });
    });
    const { b } = broker(shellLauncher(started));
    await b.elevate({ collector: false });
    const created = await b.run('adapter:create', {
      name,
      type: 'tap',
      addresses: ['10.213.7.1/24'],
      mtu: 1400,
      up: true,
    });
    expect(created.adapter).toMatchObject({ name, mtu: 1400 });
    expect(fs.readFileSync(`/sys/class/net/${name}/mtu`, 'utf8').trim()).toBe('1400');
    // Validated again in the helper: a bad name never reaches the kernel.
    await expect(b.run('adapter:create', { name: 'bad/name', type: 'tun' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(b.run('adapter:remove', { name: 'lo' })).rejects.toMatchObject({ code: 'REFUSED' });
    expect(await b.run('adapter:remove', { name })).toMatchObject({ name, removed: true });
    expect(fs.existsSync(`/sys/class/net/${name}`)).toBe(false);
  });

  it('reports a cancelled prompt as EPERM "elevation was cancelled"', async () => {
    const { b } = broker((_command, onExit) =>
      setTimeout(() => onExit(launchError(new Error('User did not grant permission.'))), 50),
    );
    await expect(b.elevate({ collector: false })).rejects.toMatchObject({ code: 'EPERM', key: 'privilege.cancelled' });
    expect(b.status().helper).toBe('none');
  });

  it('refuses to elevate without a graphical agent, with the reason key', async () => {
    const b = createPrivilegeBroker({
      helperScript: HELPER,
      launcher: () => {
        throw new Error('must not be called');
      },
      environment: { platform: 'linux', env: {}, executable: () => false },
      isElevated: () => false,
    });
    cleanups.push(() => b.dispose());
    expect(b.status()).toMatchObject({ canElevate: false, cannotElevateReason: 'privilege.noAgent' });
    await expect(b.elevate({ collector: false })).rejects.toMatchObject({
      code: 'NOT_SUPPORTED',
      key: 'privilege.noAgent',
    });
  });

  it('runs the collector as root inside the helper ("Show all owners")', async () => {
    const started: ChildProcess[] = [];
    cleanups.push(() => started.forEach(killGroup));
    const { b } = broker(shellLauncher(started));
    expect(b.collectorSpawner()).toBeNull();
    const s = await b.elevate({ collector: true });
    expect(s.collectorElevated).toBe(true);
    const spawnRelayed = b.collectorSpawner();
    expect(spawnRelayed).not.toBeNull();
    if (!spawnRelayed) return;
    const host = new CollectorHost({ spawn: spawnRelayed, timeoutMs: 10_000 });
    cleanups.unshift(() => host.dispose());
    const full = await host.request('full');
    expect(full.kind).toBe('full');
    if (full.kind === 'full') expect(full.sockets.length).toBeGreaterThan(0);
    const tick = await host.request('tick');
    expect(tick.kind).toBe('tick');
    // The worker really is the helper's child (started by the launcher's shell), running as root.
    const status = fs.readFileSync(`/proc/${host.pid ?? -1}/status`, 'utf8');
    const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
    expect(ppid).not.toBe(process.pid);
    expect(fs.readFileSync(`/proc/${ppid}/cmdline`, 'utf8').split('\0')).toContain(HELPER);
    expect(/^Uid:\s+0\s/m.test(status)).toBe(true);
  });
});
