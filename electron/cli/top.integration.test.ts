// `netinspect top --json` against a child paced at 4 MB/s to a local sink for 10 s: the sender's sent rate and the
// sink's received rate are 4 MB/s (±20%), and once the sender exited its total is exactly what it sent (the kernel's
// final counters, from the destroy events). Run as root, and as nobody (sender, sink and top all unprivileged: the
// destroy events reach an unprivileged listener too, and a user sees their own processes' sockets).
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import type { TopJson, TopJsonProcess } from '../../shared/logic/traffic/top-rows';
import { CLI, runCli } from '../test-support/net-fixtures';
import { JsonLines, spawnPacedSender, spawnSink, stopTrafficChildren } from '../test-support/traffic-fixtures';

const NOBODY = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--inh-caps=-all', '--'];
const RATE = 4_000_000;
const SECONDS = 10;
const root = process.platform === 'linux' && process.getuid?.() === 0;
if (process.platform !== 'linux') console.warn('top tests skipped: Linux only (tcp_info counters, destroy events)');
else if (!root) console.warn('top as nobody skipped: needs root to start processes as another user');

afterAll(stopTrafficChildren);

function startTop(wrap: readonly string[]): { child: ChildProcess; lines: JsonLines<TopJson> } {
  const args = [CLI, 'top', '--json', '--interval', '1s'];
  const [cmd, ...pre] = wrap;
  const child = cmd
    ? spawn(cmd, [...pre, process.execPath, ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
    : spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return { child, lines: new JsonLines<TopJson>(child) };
}

const rowOf = (line: TopJson | undefined, pid: number): TopJsonProcess | undefined =>
  line?.processes.find((p) => p.pid === pid);

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function paced(wrap: readonly string[]): Promise<void> {
  const sink = await spawnSink('127.0.0.1', wrap);
  const top = startTop(wrap);
  const exitCode = new Promise<number | null>((resolve) => top.child.once('exit', (code) => resolve(code)));
  // The first line comes one interval after the baseline: connections made from now on count whole.
  await top.lines.until((l) => l.length >= 1);
  const sender = await spawnPacedSender({ port: sink.port, bytesPerSec: RATE, seconds: SECONDS, wrap });
  expect(await sender.exited).toBe(0);
  const after = top.lines.lines.length;
  await top.lines.until((l) => l.length >= after + 3);
  top.child.kill('SIGINT');
  expect(await exitCode).toBe(0);

  const lines = top.lines.lines;
  // Intervals wholly inside the 10 s of sending: leave out the first and last ones the sender appears in.
  const sending = lines.filter((l) => rowOf(l, sender.pid)?.status === 'live');
  // A loaded machine (tens of thousands of sockets) stretches 1 s refreshes: at least one whole interval is needed.
  expect(sending.length).toBeGreaterThanOrEqual(3);
  const middle = sending.slice(1, -1);
  const sent = median(middle.map((l) => rowOf(l, sender.pid)?.sentBytesPerSec ?? 0));
  const received = median(middle.map((l) => rowOf(l, sink.pid)?.receivedBytesPerSec ?? 0));
  console.info(
    `top ${wrap.length ? 'as nobody' : 'as root'}: sender ${(sent / 1e6).toFixed(2)} MB/s, sink ${(received / 1e6).toFixed(2)} MB/s over ${middle.length} intervals of ${median(middle.map((l) => l.intervalMs))} ms`,
  );
  expect(sent).toBeGreaterThan(RATE * 0.8);
  expect(sent).toBeLessThan(RATE * 1.2);
  expect(received).toBeGreaterThan(RATE * 0.8);
  expect(received).toBeLessThan(RATE * 1.2);
  // No interval ever shows a negative or impossible rate for either.
  for (const l of lines) {
    for (const pid of [sender.pid, sink.pid]) {
      const r = rowOf(l, pid);
      expect(r?.sentBytesPerSec ?? 0).toBeGreaterThanOrEqual(0);
      expect(r?.receivedBytesPerSec ?? 0).toBeLessThan(RATE * 10);
    }
  }
  // Exact totals from the final counters: every byte written, once, on both ends.
  const last = lines.at(-1);
  expect(rowOf(last, sender.pid)).toMatchObject({ status: 'exited', sentBytes: sender.total, connections: 0 });
  expect(rowOf(last, sink.pid)).toMatchObject({ status: 'live', receivedBytes: sender.total });
  expect(last?.closedSource).toBe('kernel');
}

describe.runIf(process.platform === 'linux')('netinspect top', () => {
  it('shows a paced 4 MB/s sender and its sink at 4 MB/s, and the exact total after the sender exits', async () => {
    await paced([]);
  }, 60_000);

  it.runIf(root)(
    'does the same with sender, sink and top all running as nobody',
    async () => {
      await paced(NOBODY);
    },
    60_000,
  );
});

describe.runIf(process.platform === 'linux')('netinspect top, its ends', () => {
  it('stops after --count intervals with exit 0, one JSON object per line', async () => {
    const r = await runCli(['top', '--json', '--interval', '250ms', '--count', '2'], { killAfterMs: 20_000 });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(Object.keys(JSON.parse(l) as object)).toContain('processes');
  });

  it('ends quietly with exit 0 when its reader closes the pipe', async () => {
    const r = await runCli([], {
      wrap: ['bash', '-c', `set -o pipefail; "$0" ${CLI} top --json --interval 250ms | head -n 1 >/dev/null`],
      killAfterMs: 20_000,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('refuses an unknown --sort before sampling: exit 2, one line naming the choices', async () => {
    const r = await runCli(['top', '--sort', 'fastest'], { killAfterMs: 10_000 });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('rate, bytes, conns');
  });
});
