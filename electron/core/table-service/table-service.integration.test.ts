// The table service over a real Unix socket in a private temp directory: answers, declines, refusals, take-over.
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listOutput } from '../../../shared/logic/list-output';
import type { Snapshot } from '../../../shared/model/snapshot';
import { sock } from '../../../shared/test-support/sockets';
import { listFromRunningTable } from './table-client';
import type { TableEndpoint } from './table-endpoint';
import { startTableService, type TableService } from './table-server';

const posix = process.platform !== 'win32';
const dirs: string[] = [];
const services: TableService[] = [];
afterEach(() => {
  for (const s of services.splice(0)) s.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function endpoint(): TableEndpoint {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'netinspect-table-test-'));
  dirs.push(base);
  const dir = path.join(base, 'netinspect');
  return { dir, socket: path.join(dir, 'table.sock'), token: path.join(dir, 'table.token') };
}

const snapshot: Snapshot = {
  seq: 3,
  takenAt: Date.now(),
  sockets: [sock({ localPort: 5000 }), sock({ localPort: 6000, state: 'LISTEN', remotePort: 0 })],
  processes: [],
  source: 'netlink',
  ownerVisibility: 'all',
  hiddenOwners: 0,
};
const request = {
  op: 'list' as const,
  flags: { proto: undefined, state: 'LISTEN', port: undefined, portRange: undefined, pid: undefined },
  json: true,
  csv: false,
  lang: 'en',
};

async function start(e: TableEndpoint, table: Snapshot | null = snapshot): Promise<TableService> {
  const s = await startTableService({
    host: 'browser',
    freshTable: async () => table,
    elevated: () => true,
    endpoint: e,
  });
  if (!s) throw new Error('table service did not start');
  services.push(s);
  return s;
}

async function ask(e: TableEndpoint): Promise<{ answered: boolean; text: string }> {
  const pieces: Buffer[] = [];
  const answered = await listFromRunningTable(request, (p) => pieces.push(Buffer.from(p)), e);
  return { answered, text: Buffer.concat(pieces).toString('utf8') };
}

describe.skipIf(!posix)('table service', () => {
  it('answers list with the filtered live table, exactly as list prints it, and says whose table it was', async () => {
    const e = endpoint();
    await start(e);
    expect(fs.statSync(e.dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(e.socket).mode & 0o777).toBe(0o600);
    expect(fs.statSync(e.token).mode & 0o777).toBe(0o600);
    const { answered, text } = await ask(e);
    expect(answered).toBe(true);
    const out = JSON.parse(text) as { table: { kind: string; pid: number }; sockets: { localPort: number }[] };
    expect(out.table).toMatchObject({ kind: 'warm', host: 'browser', pid: process.pid });
    expect(out.sockets.map((s) => s.localPort)).toEqual([6000]);
    const origin = { host: 'browser', pid: process.pid, ageMs: (out.table as unknown as { ageMs: number }).ageMs };
    const listener = snapshot.sockets.filter((s) => s.state === 'LISTEN');
    const expected = [
      ...listOutput(snapshot, listener, { json: true }, { lang: 'en', elevated: true }, new Map(), origin),
    ];
    expect(text).toBe(expected.join(''));
  });

  it('answers JSON again after a refresh changed the table: the fresh table, exactly as list prints it', async () => {
    const e = endpoint();
    const before = Array.from({ length: 2_000 }, (_, i) => sock({ localPort: 1024 + i, inode: 10_000 + i }));
    // Between the two answers a refresh changed one socket, removed one and added one.
    const after = before.slice();
    after[10] = sock({ localPort: 1034, inode: 10_010, state: 'CLOSE_WAIT' });
    after.splice(1_500, 1);
    after.push(sock({ localPort: 9_999, inode: 99 }));
    const tables = [before, after];
    let refreshes = 0;
    const s = await startTableService({
      host: 'browser',
      freshTable: async () => ({ ...snapshot, sockets: tables[refreshes++] ?? after }),
      elevated: () => true,
      endpoint: e,
    });
    if (!s) throw new Error('table service did not start');
    services.push(s);
    const all = { ...request, flags: { ...request.flags, state: undefined } };
    for (const sockets of tables) {
      const pieces: Buffer[] = [];
      expect(await listFromRunningTable(all, (p) => pieces.push(Buffer.from(p)), e)).toBe(true);
      const text = Buffer.concat(pieces).toString('utf8');
      const ageMs = (JSON.parse(text) as { table: { ageMs: number } }).table.ageMs;
      const origin = { host: 'browser', pid: process.pid, ageMs };
      const table = { ...snapshot, sockets };
      expect(text).toBe(
        [...listOutput(table, sockets, { json: true }, { lang: 'en', elevated: true }, new Map(), origin)].join(''),
      );
    }
    expect(refreshes).toBe(2);
  });

  it('waits for a full stream to drain, once at a time, and still delivers the whole answer', async () => {
    const e = endpoint();
    // Enough sockets for many frames per chunk read, into a stream that is full after every write.
    const big: Snapshot = {
      ...snapshot,
      sockets: Array.from({ length: 3000 }, (_, i) => sock({ localPort: 1024 + i, inode: 10_000 + i })),
    };
    await start(e, big);
    const pieces: Buffer[] = [];
    const sink = new EventEmitter();
    let waits = 0;
    let mostWaiting = 0;
    const stream = {
      write(piece: Buffer): boolean {
        pieces.push(Buffer.from(piece));
        mostWaiting = Math.max(mostWaiting, sink.listenerCount('drain'));
        if (sink.listenerCount('drain') === 0) setTimeout(() => sink.emit('drain'), 1);
        return false;
      },
      once(event: 'drain', listener: () => void) {
        waits++;
        sink.once(event, listener);
        mostWaiting = Math.max(mostWaiting, sink.listenerCount('drain'));
        return stream;
      },
    };
    const all = { ...request, flags: { ...request.flags, state: undefined } };
    expect(await listFromRunningTable(all, stream, e)).toBe(true);
    const out = JSON.parse(Buffer.concat(pieces).toString('utf8')) as { sockets: unknown[] };
    expect(out.sockets).toHaveLength(3000);
    expect(waits).toBeGreaterThan(1);
    expect(mostWaiting).toBe(1);
  });

  it('declines while the live view is paused, and nothing is written', async () => {
    const e = endpoint();
    await start(e, null);
    expect(await ask(e)).toEqual({ answered: false, text: '' });
  });

  it('answers nothing to a wrong token', async () => {
    const e = endpoint();
    await start(e);
    fs.writeFileSync(e.token, `${'0'.repeat(64)}\n`, { mode: 0o600 });
    expect(await ask(e)).toEqual({ answered: false, text: '' });
  });

  it('is not trusted in a directory others may enter, nor with a token others may read', async () => {
    const e = endpoint();
    await start(e);
    fs.chmodSync(e.token, 0o644);
    expect((await ask(e)).answered).toBe(false);
    fs.chmodSync(e.token, 0o600);
    fs.chmodSync(e.dir, 0o755);
    expect((await ask(e)).answered).toBe(false);
    fs.chmodSync(e.dir, 0o700);
    expect((await ask(e)).answered).toBe(true);
  });

  it('leaves a live service alone, takes over a dead one, and removes only what is its own', async () => {
    const e = endpoint();
    const first = await start(e);
    expect(
      await startTableService({ host: 'cli', freshTable: async () => snapshot, elevated: () => false, endpoint: e }),
    ).toBeNull();
    first.close();
    expect(fs.existsSync(e.socket)).toBe(false);
    // A socket file nobody listens on (a netinspect killed with SIGKILL): the next one takes the endpoint over.
    const killed = spawn(process.execPath, [
      '-e',
      `require('net').createServer().listen(${JSON.stringify(e.socket)}, () => console.log('up'))`,
    ]);
    await new Promise((resolve) => killed.stdout.once('data', resolve));
    killed.kill('SIGKILL');
    await new Promise((resolve) => killed.once('exit', resolve));
    expect(fs.lstatSync(e.socket).isSocket()).toBe(true);
    await start(e);
    expect((await ask(e)).answered).toBe(true);
  });

  it('passes on frames whose lengths and bytes straddle chunks, one byte at a time, without holding a frame', async () => {
    const e = endpoint();
    fs.mkdirSync(e.dir, { mode: 0o700 });
    const token = 'ab'.repeat(32);
    fs.writeFileSync(e.token, token, { mode: 0o600 });
    const frame = (text: string): Buffer => {
      const b = Buffer.from(text, 'utf8');
      const len = Buffer.alloc(4);
      len.writeUInt32BE(b.length, 0);
      return Buffer.concat([len, b]);
    };
    // A server of our own, dribbling its answer byte by byte: every length is split across chunks.
    const answer = Buffer.concat([
      Buffer.from('{"ok":true}\n'),
      frame('{"a":'),
      frame('"é…"'),
      frame('}\n'),
      frame(''),
    ]);
    const server = net.createServer((c) => {
      c.once('data', async () => {
        for (const byte of answer) {
          c.write(Buffer.from([byte]));
          await new Promise((r) => setImmediate(r));
        }
        c.end();
      });
    });
    await new Promise<void>((r) => server.listen(e.socket, r));
    try {
      const pieces: Buffer[] = [];
      expect(await listFromRunningTable(request, (p) => pieces.push(Buffer.from(p)), e)).toBe(true);
      expect(Buffer.concat(pieces).toString('utf8')).toBe('{"a":"é…"}\n');
      // Handed on as the bytes came: no piece waited for its frame to be whole.
      expect(Math.max(...pieces.map((p) => p.length))).toBe(1);
    } finally {
      server.close();
    }
  });
});
