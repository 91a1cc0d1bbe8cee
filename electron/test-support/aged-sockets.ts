// A child that makes sockets old before netinspect looks: a server that leaks CLOSE_WAIT (it never closes after its
// peers did) and, `laterMs` on, one more CLOSE_WAIT socket and one TIME_WAIT; it prints when each step happened.
import { spawn, type ChildProcess } from 'node:child_process';

const SCRIPT = `
const net = require('node:net');
const keep = [];
const wait = (ms) => new Promise((r) => setTimeout(r, ms));
const connect = (port) => new Promise((r) => {
  const c = net.connect(port, '127.0.0.1', () => r(c));
  c.on('error', () => {});
  keep.push(c);
});
const listen = (onConnection) => new Promise((r) => {
  const s = net.createServer({ allowHalfOpen: true }, onConnection);
  s.listen(0, '127.0.0.1', () => r(s.address().port));
});
const [laterMs, leakCount] = process.argv.slice(1).map(Number);
(async () => {
  const leakPort = await listen((s) => { keep.push(s); s.resume(); s.on('error', () => {}); });
  const politePort = await listen((s) => { s.resume(); s.on('end', () => s.end()); s.on('error', () => {}); });
  const clients = [];
  for (let i = 0; i < leakCount; i++) clients.push(await connect(leakPort));
  await wait(50);
  for (const c of clients) c.end();
  console.log(JSON.stringify({ leakPort, clientPorts: clients.map((c) => c.localPort), finAt: Date.now() }));
  await wait(laterMs);
  const cw = await connect(leakPort);
  await wait(50);
  cw.end();
  const cwFinAt = Date.now();
  const tw = await connect(politePort);
  await wait(50);
  tw.on('end', () => tw.destroy());
  tw.resume();
  tw.end();
  console.log(JSON.stringify({ cwClientPort: cw.localPort, cwFinAt, twClientPort: tw.localPort, twServerPort: politePort, twAt: Date.now() }));
})();
`;

/** The leak: its server port, the clients that closed, and when their FINs went out (ms since epoch). */
export interface Leak {
  readonly leakPort: number;
  readonly clientPorts: readonly number[];
  readonly finAt: number;
}

/** What the child did `laterMs` after the leak. */
export interface LaterSockets {
  /** A CLOSE_WAIT socket on the leak's server, from this client port, its FIN at cwFinAt. */
  readonly cwClientPort: number;
  readonly cwFinAt: number;
  /** A client that closed first: TIME_WAIT on its side since twAt. */
  readonly twClientPort: number;
  readonly twServerPort: number;
  readonly twAt: number;
}

export interface AgedSockets {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly leak: Leak;
  readonly later: Promise<LaterSockets>;
}

/** Starts the child; resolves once the leak is in place (the rest follows `laterMs` later). */
export function startAgedSockets(laterMs: number, leakCount = 3): Promise<AgedSockets> {
  const child = spawn(process.execPath, ['-e', SCRIPT, String(laterMs), String(leakCount)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let resolveLater: (l: LaterSockets) => void = () => {};
  const later = new Promise<LaterSockets>((r) => (resolveLater = r));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const lines = out.split('\n');
      if (lines.length > 1 && child.pid !== undefined)
        resolve({ child, pid: child.pid, leak: JSON.parse(lines[0]) as Leak, later });
      if (lines.length > 2) resolveLater(JSON.parse(lines[1]) as LaterSockets);
    });
    child.once('exit', (code) => reject(new Error(`the socket holder exited early (${code}): ${out}`)));
  });
}
