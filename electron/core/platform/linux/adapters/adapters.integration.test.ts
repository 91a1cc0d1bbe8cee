// TAP/TUN lifecycle as root against the real kernel, bad input with nothing created, holders named, and nobody's view.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { CreateAdapterRequest } from '../../../../../shared/model/adapters';
import { AppError } from '../../../../../shared/model/errors';
import { runCli } from '../../../../test-support/net-fixtures';
import { createAdapterService } from '../../../adapters/adapter-service';
import { createPlatform } from '../../index';
import { NOBODY } from '../../../../test-support/nobody';

const OTHER = ['setpriv', '--reuid=65533', '--regid=65533', '--clear-groups', '--inh-caps=-all', '--'];
const TEST_LINKS = /^nitest\d+$|^nitestv[ab]$/;
const asRoot = process.platform === 'linux' && process.getuid?.() === 0 && fs.existsSync('/dev/net/tun');
const service = createAdapterService(createPlatform().adapters);
const children: ChildProcess[] = [];

/** Deletes every link this file may have made, whatever state a failed test left (tests may use `ip` for fixtures). */
function cleanup(): void {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const name of fs.readdirSync('/sys/class/net')) {
    // Deleting one end of a veth pair deletes the other: look again before each delete.
    if (TEST_LINKS.test(name) && fs.existsSync(`/sys/class/net/${name}`)) {
      execFileSync('ip', ['link', 'del', name], { stdio: 'ignore' });
    }
  }
}
afterEach(cleanup);
afterAll(cleanup);

const sys = (name: string, file: string) => fs.readFileSync(`/sys/class/net/${name}/${file}`, 'utf8').trim();
const exists = (name: string) => fs.existsSync(`/sys/class/net/${name}`);
const ipAddr = (name: string): { local: string; prefixlen: number }[] =>
  (
    JSON.parse(execFileSync('ip', ['-j', 'addr', 'show', 'dev', name], { encoding: 'utf8' })) as {
      addr_info: { local: string; prefixlen: number; scope: string }[];
    }[]
  )[0].addr_info
    .filter((a) => a.scope !== 'link')
    .map(({ local, prefixlen }) => ({ local, prefixlen }));

/** A script that attaches to `name` through /dev/net/tun (as whoever runs it) and prints the outcome. */
function attachScript(): string {
  const koffi = createRequire(import.meta.url).resolve('koffi');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nitest-')), 'attach.cjs');
  fs.writeFileSync(
    file,
    `const koffi = require(${JSON.stringify(koffi)});
const l = koffi.load('libc.so.6');
const open = l.func('int open(const char *p, int f, ...)');
const ioctl = l.func('int ioctl(int fd, unsigned long r, ...)');
const [name, flags, hold] = process.argv.slice(2);
const fd = process.env.TUN_FD ? Number(process.env.TUN_FD) : open('/dev/net/tun', 2);
const ifr = Buffer.alloc(40);
ifr.write(name);
ifr.writeInt16LE(Number(flags), 16);
if (ioctl(fd, 0x400454ca, 'void *', ifr) < 0) { console.log('errno ' + koffi.errno()); process.exit(1); }
console.log('attached');
if (hold !== 'hold') process.exit(0);
setInterval(() => {}, 1000);
`,
  );
  fs.chmodSync(path.dirname(file), 0o755);
  return file;
}
const script = asRoot ? attachScript() : '';
/**
 * Runs the script as the user `wrap` makes, on /dev/net/tun opened here: the kernel checks an adapter's owner when
 * the script attaches (TUNSETIFF, with the caller's credentials), not when the device is opened, and the device
 * node's own mode is the machine's choice (0600 in some containers, where nobody could not open it at all).
 */
const attach = (wrap: string[], name: string, flags: number): string => {
  const tun = fs.openSync('/dev/net/tun', 'r+');
  try {
    return execFileSync(wrap[0], [...wrap.slice(1), process.execPath, script, name, String(flags)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe', tun],
      env: { ...process.env, TUN_FD: '3' },
    }).trim();
  } catch (e) {
    return String((e as { stdout?: string }).stdout ?? e).trim();
  } finally {
    fs.closeSync(tun);
  }
};

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

describe.runIf(asRoot)('TAP/TUN lifecycle (root)', () => {
  for (const type of ['tap', 'tun'] as const) {
    it(`creates a ${type.toUpperCase()} with IPv4 + IPv6, MTU 1400, owner nobody, up; nobody can open it; removes it`, async () => {
      const name = type === 'tap' ? 'nitest0' : 'nitest1';
      const made = await service.create({
        name,
        type,
        owner: 'nobody',
        group: null,
        addresses: ['10.231.0.1/24', 'fd00:231::1/64'],
        mtu: 1400,
        up: true,
      });
      const flags = Number.parseInt(sys(name, 'tun_flags'), 16);
      expect(flags & 0x3).toBe(type === 'tap' ? 0x2 : 0x1);
      expect(flags & 0x1000).toBe(0x1000); // IFF_NO_PI
      expect(flags & 0x0800).toBe(0x0800); // persistent
      expect(sys(name, 'owner')).toBe('65534');
      expect(sys(name, 'mtu')).toBe('1400');
      expect(Number(sys(name, 'flags')) & 0x1).toBe(1); // IFF_UP
      expect(ipAddr(name)).toEqual([
        { local: '10.231.0.1', prefixlen: 24 },
        { local: 'fd00:231::1', prefixlen: 64 },
      ]);
      // What the view shows is what the kernel has.
      expect(made).toMatchObject({ name, kind: type, mtu: 1400, adminUp: true, removable: true });
      expect(made.tun).toMatchObject({ mode: type, owner: 65534, ownerName: 'nobody', persist: true });
      expect(made.ipv4).toEqual([{ address: '10.231.0.1', prefix: 24 }]);

      // Ownership: nobody may attach without any capability; another unprivileged user may not.
      const attachFlags = (type === 'tap' ? 0x2 : 0x1) | 0x1000;
      expect(attach(NOBODY, name, attachFlags)).toBe('attached');
      expect(attach(OTHER, name, attachFlags)).toBe('errno 1');

      await service.remove(name);
      expect(exists(name)).toBe(false);
      expect(service.list().adapters.some((a) => a.name === name)).toBe(false);
    });
  }

  it('names the process that holds an adapter open, and removes it once that process is gone', async () => {
    await service.create({ name: 'nitest2', type: 'tap', addresses: [], up: false });
    const holder = spawn(process.execPath, [script, 'nitest2', String(0x1002), 'hold']);
    children.push(holder);
    await new Promise<void>((resolve) => holder.stdout?.once('data', () => resolve()));
    const e = await failure(service.remove('nitest2'));
    expect(e.code).toBe('REFUSED');
    expect(e.key).toBe('adapters.errors.busy');
    expect(String(e.params?.holders)).toContain(`(pid ${holder.pid})`);
    expect(exists('nitest2')).toBe(true);
    holder.kill('SIGKILL');
    await new Promise((r) => holder.once('exit', r));
    await service.remove('nitest2');
    expect(exists('nitest2')).toBe(false);
  });
});

describe.runIf(asRoot)('bad input: a clear error and nothing created', () => {
  const before = () => fs.readdirSync('/sys/class/net').sort();
  const cases: [string, CreateAdapterRequest, string][] = [
    ['a 16-character name', { name: 'nitest0123456789', type: 'tap' }, 'adapters.input.nameTooLong'],
    ['a name with /', { name: 'nitest/0', type: 'tap' }, 'adapters.input.nameChars'],
    ['a name with a space', { name: 'nitest 0', type: 'tun' }, 'adapters.input.nameChars'],
    ['an existing name', { name: 'lo', type: 'tap' }, 'adapters.input.nameTaken'],
    [
      'a malformed address',
      { name: 'nitest3', type: 'tap', addresses: ['10.0.0.300/24'] },
      'adapters.input.cidrAddress',
    ],
    [
      'an address without prefix',
      { name: 'nitest3', type: 'tap', addresses: ['10.0.0.3'] },
      'adapters.input.cidrNoPrefix',
    ],
    ['MTU 20', { name: 'nitest3', type: 'tap', mtu: 20 }, 'adapters.input.mtuRange'],
    ['an unknown owner', { name: 'nitest3', type: 'tap', owner: 'no-such-user-x' }, 'adapters.input.userUnknown'],
  ];
  for (const [what, order, key] of cases) {
    it(`refuses ${what}`, async () => {
      const links = before();
      const e = await failure(service.create({ addresses: [], up: false, ...order }));
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.key).toBe(key);
      expect(e.message.length).toBeGreaterThan(10);
      expect(before()).toEqual(links);
    });
  }

  it('refuses to remove lo and a veth, naming what they are; a missing name is ESRCH', async () => {
    execFileSync('ip', ['link', 'add', 'nitestva', 'type', 'veth', 'peer', 'name', 'nitestvb']);
    for (const [name, kind] of [
      ['lo', 'Loopback'],
      ['nitestva', 'veth'],
    ]) {
      const e = await failure(service.remove(name));
      expect(e.code).toBe('REFUSED');
      expect(e.message).toContain(`${name} is ${kind}`);
      expect(exists(name)).toBe(true);
    }
    const gone = await failure(service.remove('nitest9'));
    expect([gone.code, gone.key]).toEqual(['ESRCH', 'adapters.errors.notFound']);
  });
});

describe.runIf(asRoot)('netinspect adapters (CLI)', () => {
  it('as nobody, create answers NEEDS_ELEVATION in one line, exit 1, nothing created', async () => {
    const r = await runCli(['adapters', 'create', '--name', 'nitest4', '--type', 'tap'], { wrap: NOBODY });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      'netinspect: Creating or removing an adapter needs CAP_NET_ADMIN: run with sudo.',
    ]);
    expect(exists('nitest4')).toBe(false);
  });

  it('creates, lists and removes as root; bad input exits 2 in the user’s language', async () => {
    const made = await runCli([
      'adapters',
      'create',
      '--name',
      'nitest5',
      '--type',
      'tun',
      '--address',
      '10.232.0.1/30',
      '--up',
    ]);
    expect([made.code, made.stderr]).toEqual([0, '']);
    expect(made.stdout).toMatch(/^Created TUN adapter nitest5 \(index \d+\)\.\n$/);
    const list = await runCli(['adapters', 'list', '--json']);
    const json = JSON.parse(list.stdout) as { adapters: { name: string; ipv4: unknown }[] };
    expect(json.adapters.find((a) => a.name === 'nitest5')?.ipv4).toEqual([{ address: '10.232.0.1', prefix: 30 }]);
    expect((await runCli(['adapters', 'remove', 'nitest5'])).code).toBe(0);
    expect(exists('nitest5')).toBe(false);

    const bad = await runCli(['adapters', 'create', '--name', 'nitest6', '--type', 'tap', '--mtu', '20'], {
      env: { LANG: 'zh_CN.UTF-8' },
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('MTU 20 超出范围');
    const lo = await runCli(['adapters', 'remove', 'lo']);
    expect([lo.code, lo.stderr.trim()]).toEqual([
      1,
      'netinspect: netinspect only removes TAP/TUN adapters: lo is Loopback.',
    ]);
    expect(exists('nitest6')).toBe(false);
  });
});
