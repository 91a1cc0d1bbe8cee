// Child processes with their own process names that hold the socket situations the metrics must show.
import { spawn, type ChildProcess } from 'node:child_process';

const started: ChildProcess[] = [];

/** A running scenario child and the first line it printed (parsed JSON). */
export interface Scenario<T> {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly ready: T;
}

/**
 * Runs `script` in a new node whose process name (comm) is `name` (at most 15 characters), and resolves with the
 * JSON line it prints when its sockets are in place.
 */
export function startScenario<T>(name: string, script: string, timeoutMs = 20_000): Promise<Scenario<T>> {
  const child = spawn(process.execPath, ['-e', `process.title = ${JSON.stringify(name)};\n${script}`], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  started.push(child);
  return new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`${name} printed nothing in ${timeoutMs} ms`)), timeoutMs);
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      const nl = buf.indexOf('\n');
      if (nl < 0 || child.pid === undefined) return;
      clearTimeout(timer);
      resolve({ child, pid: child.pid, ready: JSON.parse(buf.slice(0, nl)) as T });
    });
    child.once('exit', (code) => reject(new Error(`${name} exited early (${code})`)));
  });
}

/** SIGKILLs the scenario children this module started that still run. */
export function stopScenarios(): void {
  for (const c of started.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}

/** A server that keeps every accepted connection and never closes one: peers that close leave it in CLOSE_WAIT. */
export const LEAKY_SERVER = `const net = require('net'); const kept = [];
const s = net.createServer({ allowHalfOpen: true }, (c) => { kept.push(c); c.on('error', () => {}); });
s.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: s.address().port })));`;

/**
 * A listener whose process never calls accept(): it prints its port, then blocks its event loop (without
 * spinning), so connections pile up in the kernel's accept queue. Backlog from argv.
 */
export const STALLED_LISTENER = (backlog: number): string => `const net = require('net');
const s = net.createServer();
s.listen({ port: 0, host: '127.0.0.1', backlog: ${backlog} }, () => {
  console.log(JSON.stringify({ port: s.address().port }));
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
});`;

/** One connection inside the child: the client sends `up` bytes, the server sends `down`; both stay open. */
export const BYTE_MOVER = (up: number, down: number): string => `const net = require('net');
let got = 0; let back = 0; const keep = [];
const done = () => { if (got === ${up} && back === ${down}) console.log(JSON.stringify({ up: got, down: back })); };
const s = net.createServer((c) => { keep.push(c); c.on('data', (d) => { got += d.length; done(); }); c.write(Buffer.alloc(${down}, 1)); });
s.listen(0, '127.0.0.1', () => {
  const c = net.connect(s.address().port, '127.0.0.1', () => c.write(Buffer.alloc(${up}, 2)));
  keep.push(c); c.on('data', (d) => { back += d.length; done(); });
});`;

/**
 * `count` connections to the child's own listener, each closed by the server first, so the server side of every one
 * sits in TIME_WAIT. Each client binds its own loopback source address (127.1.x.y): the remote endpoints are all
 * distinct, and no new connection lands on an old one's TIME_WAIT 4-tuple (which the kernel would recycle, as it
 * does when two kernel-chosen client ports collide). In batches, to stay within fd limits.
 */
export const TIME_WAIT_MAKER = (count: number): string => `const net = require('net');
const s = net.createServer((c) => { c.on('error', () => {}); c.end(); });
s.listen(0, '127.0.0.1', async () => {
  const port = s.address().port;
  for (let i = 0; i < ${count}; i += 250) {
    const n = Math.min(250, ${count} - i);
    await Promise.all(Array.from({ length: n }, (_, j) => new Promise((resolve) => {
      const k = i + j;
      const localAddress = '127.1.' + (k >> 8) + '.' + (k & 255);
      const c = net.connect({ port, host: '127.0.0.1', localAddress });
      c.on('error', resolve); c.on('close', resolve); c.resume();
    })));
  }
  console.log(JSON.stringify({ port }));
});`;
