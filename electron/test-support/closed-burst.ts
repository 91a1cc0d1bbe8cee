// Child processes for closed-connection tests: a server that reads what each client sends and closes after it,
// and a client that opens many connections at once, sends each exactly N bytes and closes first (TIME_WAIT on its
// side). Both run through an optional command prefix (a network namespace, another user).
import { spawn, type ChildProcess } from 'node:child_process';

const SERVER = `
const net = require('node:net');
const s = net.createServer({ allowHalfOpen: true }, (c) => {
  c.on('error', () => {});
  c.resume();
  c.on('end', () => c.end());
});
s.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: s.address().port })));
`;

const CLIENT = `
const net = require('node:net');
const [port, n, bytes] = process.argv.slice(1).map(Number);
const one = () => new Promise((resolve, reject) => {
  const c = net.connect(port, '127.0.0.1', () => c.end(Buffer.alloc(bytes, 0x61)));
  let local = 0;
  c.on('connect', () => (local = c.localPort));
  c.on('error', reject);
  c.resume();
  c.on('close', () => resolve(local));
});
const started = Date.now();
Promise.all(Array.from({ length: n }, one)).then(
  (ports) => console.log(JSON.stringify({ pid: process.pid, ports, ms: Date.now() - started })),
  (e) => { console.log(JSON.stringify({ error: String(e) })); process.exit(1); },
);
`;

/** Runs `node -e script args` through `prefix`; resolves with the first JSON line it prints. */
function runNode<T>(
  prefix: readonly string[],
  script: string,
  args: readonly string[],
): Promise<{ child: ChildProcess; first: T }> {
  const [cmd, ...rest] = [...prefix, process.execPath, '-e', script, ...args];
  // nsenter and setpriv exec the command in place: the child's pid is node's.
  const child = spawn(cmd, rest, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve({ child, first: JSON.parse(out.slice(0, nl)) as T });
    });
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before printing: ${out}`)));
  });
}

/** The server; kill its child when done. */
export async function startBurstServer(
  prefix: readonly string[] = [],
): Promise<{ child: ChildProcess; pid: number; port: number }> {
  const { child, first } = await runNode<{ port: number }>(prefix, SERVER, []);
  if (child.pid === undefined) throw new Error('server has no pid');
  return { child, pid: child.pid, port: first.port };
}

/** Opens `n` connections to `port` at once, sends `bytes` on each and closes; the client's pid and local ports. */
export async function runBurstClient(
  port: number,
  n: number,
  bytes: number,
  prefix: readonly string[] = [],
): Promise<{ pid: number; ports: number[]; ms: number }> {
  const { first } = await runNode<{ pid: number; ports: number[]; ms: number; error?: string }>(prefix, CLIENT, [
    String(port),
    String(n),
    String(bytes),
  ]);
  if (first.error) throw new Error(first.error);
  return first;
}
