// `netinspect list` against real sockets, bad input, and an unprivileged run (setpriv as nobody).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { refusalLine } from '../test-support/cli-refusal';
import {
  closeAll,
  connectedPair,
  listen,
  portOf,
  runCli,
  runCliIntoFullDisk,
  type Opened,
} from '../test-support/net-fixtures';
import { canRunAsNobody, NOBODY } from '../test-support/nobody';

interface JsonSocket {
  proto: string;
  family: number;
  localAddress: string;
  localPort: number;
  remotePort: number;
  state: string;
  pid: number | null;
  process: string | null;
  user: string | null;
}
interface JsonList {
  schema: string;
  takenAt: number;
  ownerVisibility: string;
  hiddenOwners: number;
  sockets: JsonSocket[];
}

const open: Opened = [];
afterAll(() => closeAll(open));

describe('netinspect list', () => {
  it('prints netinspect.snapshot/1 JSON with our listener and connection, owned by us', async () => {
    const { port } = await connectedPair(open);
    const r = await runCli(['list', '--json', '--port', String(port)]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as JsonList;
    expect(out.schema).toBe('netinspect.snapshot/1');
    expect(typeof out.takenAt).toBe('number');
    const listener = out.sockets.find((s) => s.state === 'LISTEN');
    expect(listener).toMatchObject({
      proto: 'tcp',
      family: 4,
      localAddress: '127.0.0.1',
      localPort: port,
      pid: process.pid,
    });
    expect(out.sockets.filter((s) => s.state === 'ESTABLISHED')).toHaveLength(2);
    // --port matches local or remote: every row touches the port.
    expect(out.sockets.every((s) => s.localPort === port || s.remotePort === port)).toBe(true);
  });

  it('filters by state and protocol, and prints an aligned table and CSV', async () => {
    const server = await listen();
    open.push(server);
    const port = portOf(server);
    const table = await runCli(['list', '--state', 'listen', '--proto', 'tcp', '--port', String(port)]);
    expect(table.code).toBe(0);
    const [header, row] = table.stdout.trim().split('\n');
    expect(header).toMatch(/^Proto\s+Local Address\s+Remote Address\s+State\s+PID\/Program\s+User$/);
    expect(row).toContain(`127.0.0.1:${port}`);
    expect(row).toContain(`${process.pid}/`);
    expect(header.indexOf('State')).toBe(row.indexOf('LISTEN'));
    const csv = await runCli(['list', '--csv', '--port', String(port)]);
    expect(csv.stdout.split('\r\n')[0]).toBe(
      'proto,family,localAddress,localPort,remoteAddress,remotePort,state,pid,process,user',
    );
    expect(csv.stdout).toContain(`tcp,4,127.0.0.1,${port},0.0.0.0,0,LISTEN,${process.pid},`);
  });

  it.each([
    [['--port', '70000'], /port 70000: ports go from 1 to 65535/],
    [['--port-range', '90-10'], /first port must not exceed the last/],
    [['--state', 'BOGUS'], /Unknown state "BOGUS": use one of/],
    [['--proto', 'sctp'], /Unknown protocol "sctp": use tcp or udp/],
    [['--frobnicate'], /unknown option/],
  ])('refuses %j with exit code 2 and one clear line', async (args, message) => {
    expect(await refusalLine(['list', ...args])).toMatch(message);
  });

  it("speaks the user's language: a reversed range under LANG=zh_CN is explained in Chinese", async () => {
    const r = await runCli(['list', '--port-range', '90-10'], { env: { LANG: 'zh_CN.UTF-8', LC_ALL: '' } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('netinspect：端口范围 90-10 无效：起始端口不能大于结束端口（是否想写 10-90？）。');
  });

  it('loads no SQLite binding when it opens no recording (only --at reads one)', async () => {
    // A preload that notes every package the command requires, by its bare name, and writes them out at exit.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netinspect-loads-'));
    const probe = path.join(dir, 'probe.cjs');
    const out = path.join(dir, 'loaded.json');
    fs.writeFileSync(
      probe,
      `const Module = require('node:module'); const seen = new Set(); const load = Module._load;
       Module._load = function (request, ...rest) { if (!request.startsWith('.') && !request.startsWith('/')) seen.add(request); return load.call(this, request, ...rest); };
       process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify([...seen])));`,
    );
    try {
      const r = await runCli(['list', '--json', '--cold', '--port', '1'], {
        env: { NODE_OPTIONS: `--require ${probe}` },
      });
      expect(r.code, r.stderr).toBe(0);
      const loaded = JSON.parse(fs.readFileSync(out, 'utf8')) as string[];
      // The probe saw the command's packages: koffi for the kernel's table.
      expect(loaded).toContain('koffi');
      expect(loaded).not.toContain('libsql');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says so in one line, exit 1, when its output cannot be written (a full disk)', async (ctx) => {
    const r = await runCliIntoFullDisk(['list', '--json', '--cold']);
    if (r === null) return ctx.skip(true, 'no /dev/full on this OS to stand for a full disk');
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^netinspect: The output could not be written \(ENOSPC[^)]*\), so it is incomplete/);
  });

  it('refuses a serve port out of range with exit code 2', async () => {
    const r = await runCli(['serve', '--port', '70000']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('netinspect: Invalid port "70000": give 0 (any free port) or 1 to 65535.');
  });

  it('as an unprivileged user, shows pid null for our sockets and says owners are partly hidden', async (ctx) => {
    if (!canRunAsNobody()) {
      ctx.skip(true, 'needs root and setpriv(1) to run the CLI as nobody');
      return;
    }
    const server = await listen();
    open.push(server);
    const port = portOf(server);
    const r = await runCli(['list', '--json', '--port', String(port)], {
      wrap: NOBODY,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as JsonList;
    const listener = out.sockets.find((s) => s.localPort === port && s.state === 'LISTEN');
    expect(listener).toBeDefined();
    expect(listener?.pid).toBeNull();
    expect(listener?.user).toBe('root');
    expect(out.ownerVisibility).toBe('partial');
    expect(out.hiddenOwners).toBeGreaterThan(0);
  });
});
