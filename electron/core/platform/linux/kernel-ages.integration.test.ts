// Kernel ages on first sight: sockets a child process put into CLOSE_WAIT, TIME_WAIT and FIN_WAIT_2 half a minute
// before the collector starts are reported with those ages, in agreement with `ss`.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLinuxCollector } from './collector';
import type { RawSocket } from '../../../../shared/model/socket';

/** What the child did, and when (ms since epoch), as it prints it. */
interface Timeline {
  serverPort: number;
  /** The CLOSE_WAIT case: the peer's data, then 5 s later its FIN. */
  cwPort: number;
  dataAt: number;
  finAt: number;
  /** The TIME_WAIT case: this client closed first, the server answered. */
  twPort: number;
  twAt: number;
  /** An orphaned FIN_WAIT_2: this client closed (close(), no shutdown) and the server never did. */
  fwPort: number;
  fwAt: number;
}

/** Runs in the child: everything it does is on 127.0.0.1, and it holds every socket until killed. */
const CHILD = `
const net = require('node:net');
const keep = [];
const out = {};
const wait = (ms) => new Promise((r) => setTimeout(r, ms));
const connect = (port) => new Promise((r) => { const c = net.connect(port, '127.0.0.1', () => r(c)); keep.push(c); });
(async () => {
  const server = net.createServer({ allowHalfOpen: true }, (s) => { keep.push(s); s.resume(); servers.set(s.remotePort, s); });
  const servers = new Map();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  out.serverPort = server.address().port;
  const cw = await connect(out.serverPort);
  cw.on('data', () => {});
  out.cwPort = cw.localPort;
  cw.write('request');
  out.dataAt = Date.now();
  await wait(5000);
  cw.end();
  out.finAt = Date.now();
  await wait(10000);
  const tw = await connect(out.serverPort);
  out.twPort = tw.localPort;
  await wait(50);
  servers.get(tw.localPort).on('end', function () { this.end(); });
  tw.on('end', () => tw.destroy());
  tw.end();
  tw.resume();
  out.twAt = Date.now();
  const fw = await connect(out.serverPort);
  out.fwPort = fw.localPort;
  await wait(50);
  fw.destroy();
  out.fwAt = Date.now();
  console.log(JSON.stringify(out));
})();
`;

let child: ChildProcess;
let t: Timeline;

beforeAll(async () => {
  child = spawn(process.execPath, ['-e', CHILD], { stdio: ['ignore', 'pipe', 'inherit'] });
  t = await new Promise<Timeline>((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (d: Buffer) => {
      text += d.toString();
      if (text.includes('\n')) resolve(JSON.parse(text) as Timeline);
    });
    child.once('exit', (code) => reject(new Error(`the socket holder exited early (${code})`)));
  });
  // Half a minute after the FIN, with every case set up during that wait.
  await new Promise((r) => setTimeout(r, Math.max(0, t.finAt + 30_000 - Date.now())));
}, 60_000);

afterAll(() => {
  child?.kill('SIGKILL');
});

/** `ss -tniOH <args>` lines (one socket per line, info on the same line) that name both ports. */
function ss(args: readonly string[], a: number, b: number): string {
  const lines = execFileSync('ss', ['-tniOH', ...args], { encoding: 'utf8' }).split('\n');
  const hit = lines.filter((l) => l.includes(`:${a} `) && l.includes(`:${b} `));
  expect(hit, `ss ${args.join(' ')} for ports ${a} and ${b}`).toHaveLength(1);
  return hit[0];
}

function msField(line: string, name: string): number {
  const m = new RegExp(`\\b${name}:(\\d+)`).exec(line);
  if (!m) throw new Error(`no ${name} in: ${line}`);
  return Number(m[1]);
}

describe('kernel ages of sockets older than the collector', () => {
  let sockets: RawSocket[];
  let takenAt: number;

  beforeAll(() => {
    const collector = createLinuxCollector();
    try {
      const snap = collector.snapshot();
      takenAt = snap.takenAt;
      sockets = snap.sockets as RawSocket[];
    } finally {
      collector.close();
    }
  });

  const find = (local: number, remote: number): RawSocket => {
    const s = sockets.find((x) => x.localPort === local && x.remotePort === remote && x.localAddress === '127.0.0.1');
    if (!s) throw new Error(`no socket ${local} -> ${remote}`);
    return s;
  };

  it('CLOSE_WAIT is 30 s old from the first snapshot, as ss lastack says; lastrcv is 5 s older', () => {
    const s = find(t.serverPort, t.cwPort);
    expect(s.state).toBe('CLOSE_WAIT');
    expect(s.kernelStateSince).not.toBeNull();
    const age = takenAt - (s.kernelStateSince ?? 0);
    expect(Math.abs(age - 30_000)).toBeLessThan(2_000);
    expect(Math.abs((s.kernelStateSince ?? 0) - t.finAt)).toBeLessThan(2_000);
    expect(s.kernelStateSinceExact).toBe(true);
    // ss reads the same tcp_info: lastack is the FIN (our age), lastrcv the data 5 s before it.
    const line = ss(['state', 'close-wait'], t.serverPort, t.cwPort);
    const ssAt = Date.now();
    expect(Math.abs(ssAt - msField(line, 'lastack') - (s.kernelStateSince ?? 0))).toBeLessThan(2_000);
    expect(Math.abs(msField(line, 'lastrcv') - msField(line, 'lastack') - (t.finAt - t.dataAt))).toBeLessThan(1_000);
  });

  it('TIME_WAIT agrees with 60 s minus ss -o timer', () => {
    const s = find(t.twPort, t.serverPort);
    expect(s.state).toBe('TIME_WAIT');
    const age = takenAt - (s.kernelStateSince ?? 0);
    expect(Math.abs(age - (takenAt - t.twAt))).toBeLessThan(2_000);
    const line = ss(['-o', 'state', 'time-wait'], t.twPort, t.serverPort);
    const left = /timer:\(timewait,(?:(\d+)min)?(\d+(?:\.\d+)?)sec/.exec(line);
    expect(left, line).not.toBeNull();
    const leftMs = (Number(left?.[1] ?? 0) * 60 + Number(left?.[2])) * 1000;
    expect(Math.abs(60_000 - leftMs - age)).toBeLessThan(2_000);
  });

  it('an orphaned FIN_WAIT_2 counts from tcp_fin_timeout; one still open counts from the ACK of its FIN', () => {
    const orphan = find(t.fwPort, t.serverPort);
    expect(orphan).toMatchObject({ state: 'FIN_WAIT_2', inode: 0 });
    expect(Math.abs((orphan.kernelStateSince ?? 0) - t.fwAt)).toBeLessThan(2_000);
    const open = find(t.cwPort, t.serverPort);
    expect(open.state).toBe('FIN_WAIT_2');
    expect(Math.abs((open.kernelStateSince ?? 0) - t.finAt)).toBeLessThan(2_000);
  });

  it('carries every socket cookie as a decimal string', () => {
    for (const s of sockets) if (s.proto === 'tcp') expect(s.cookie).toMatch(/^\d+$/);
  });
});
