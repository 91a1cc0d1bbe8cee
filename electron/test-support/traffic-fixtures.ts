// Child processes that move known numbers of bytes over loopback: a sink that reads and discards, and a sender paced
// to a rate; plus a line reader for commands that print one JSON object per line (`netinspect top --json`).
import { spawn, type ChildProcess } from 'node:child_process';

/** A started child and how it ended. */
export interface TrafficChild {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly exited: Promise<number | null>;
}

const started: ChildProcess[] = [];

function start(script: string, args: readonly string[], wrap: readonly string[]): TrafficChild {
  const [cmd, ...pre] = wrap;
  const argv = ['-e', script, ...args];
  const child = cmd
    ? spawn(cmd, [...pre, process.execPath, ...argv], { stdio: ['pipe', 'pipe', 'inherit'] })
    : spawn(process.execPath, argv, { stdio: ['pipe', 'pipe', 'inherit'] });
  started.push(child);
  if (child.pid === undefined) throw new Error('the child has no pid');
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, pid: child.pid, exited };
}

/** The first line a child prints. */
function firstLine(child: ChildProcess, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${what} printed nothing`)), 10_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(out.slice(0, nl).trim());
      }
    });
    child.once('exit', (code) => reject(new Error(`${what} exited (${code}) before printing`)));
  });
}

const SINK = `
const net = require('node:net');
const s = net.createServer((c) => { c.on('data', () => {}); c.on('end', () => c.end()); c.on('error', () => {}); });
s.listen(0, process.argv[1], () => console.log(String(s.address().port)));`;

/** A listener on `host` that reads everything and closes when its peer does; resolves with its port. */
export async function spawnSink(
  host = '127.0.0.1',
  wrap: readonly string[] = [],
): Promise<TrafficChild & { port: number }> {
  const c = start(SINK, [host], wrap);
  return { ...c, port: Number(await firstLine(c.child, 'the sink')) };
}

const SENDER = `
const net = require('node:net');
const [host, port, rate, seconds, localPort] = process.argv.slice(1);
const total = Number(rate) * Number(seconds);
const chunk = Buffer.alloc(64 * 1024, 0x61);
const opts = { host, port: Number(port) };
if (Number(localPort) > 0) opts.localPort = Number(localPort);
const c = net.connect(opts, () => {
  console.log(JSON.stringify({ localPort: c.localPort }));
  const t0 = Date.now();
  let sent = 0;
  // Every 10 ms, top the bytes written up to what the rate allows by now: paced, without drift.
  const timer = setInterval(() => {
    const due = Math.min(total, Math.floor(((Date.now() - t0) * Number(rate)) / 1000));
    while (sent < due) {
      const n = Math.min(chunk.length, due - sent);
      c.write(n === chunk.length ? chunk : chunk.subarray(0, n));
      sent += n;
    }
    if (sent >= total) { clearInterval(timer); c.end(); }
  }, 10);
});
c.on('close', () => process.exit(0));
c.on('error', (e) => { console.error(e.message); process.exit(1); });`;

/**
 * Connects to host:port (from `localPort` when given) and sends exactly `bytesPerSec * seconds` bytes at that pace,
 * then closes and exits once the peer closed too. Resolves when connected, with its local port.
 */
export async function spawnPacedSender(o: {
  readonly host?: string;
  readonly port: number;
  readonly bytesPerSec: number;
  readonly seconds: number;
  readonly localPort?: number;
  readonly wrap?: readonly string[];
}): Promise<TrafficChild & { localPort: number; total: number }> {
  const args = [
    o.host ?? '127.0.0.1',
    String(o.port),
    String(o.bytesPerSec),
    String(o.seconds),
    String(o.localPort ?? 0),
  ];
  const c = start(SENDER, args, o.wrap ?? []);
  const { localPort } = JSON.parse(await firstLine(c.child, 'the sender')) as { localPort: number };
  return { ...c, localPort, total: o.bytesPerSec * o.seconds };
}

/** Lines of a long-running command as they come, parsed as JSON. */
export class JsonLines<T> {
  readonly lines: T[] = [];
  private waiters: (() => void)[] = [];

  constructor(readonly child: ChildProcess) {
    let buf = '';
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      const parts = buf.split('\n');
      buf = parts.pop() ?? '';
      for (const p of parts) if (p.trim() !== '') this.lines.push(JSON.parse(p) as T);
      for (const w of this.waiters.splice(0)) w();
    });
  }

  /** Waits until `check` holds for the lines so far (re-checked on each new line). */
  async until(check: (lines: readonly T[]) => boolean, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check(this.lines)) {
      if (Date.now() > deadline) throw new Error(`timed out after ${this.lines.length} lines`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

/** SIGKILLs every child this module started that still runs. */
export function stopTrafficChildren(): void {
  for (const c of started.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}
