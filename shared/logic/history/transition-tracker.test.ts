// Transitions and counts from synthetic snapshot sequences, diffed the way core diffs them.
import { describe, expect, it } from 'vitest';
import type { RawSocket } from '../../model/socket';
import { SocketDiffer } from '../socket-differ';
import { SERIES_IDS, cellOf, denseToCounts } from './series-index';
import { sock } from '../../test-support/sockets';
import { TransitionTracker, type TickSample } from './transition-tracker';

/** Feeds raw snapshots through the real differ and the tracker, one tick per snapshot. */
function run(...snapshots: RawSocket[][]): TickSample[] {
  const differ = new SocketDiffer();
  const tracker = new TransitionTracker();
  return snapshots.map((raw, i) => tracker.apply(differ.next(raw, 1000 * (i + 1)), 1000 * (i + 1)));
}
const count = (s: TickSample, id: string): number => s.counts[SERIES_IDS.indexOf(id)] ?? 0;
const cells = (s: TickSample) => denseToCounts(s.cells).map((t) => `${t.from}>${t.to}:${t.count}`);

const listener = sock({ localPort: 8080, remotePort: 0, remoteAddress: '0.0.0.0', state: 'LISTEN', inode: 9 });
const client = (state: RawSocket['state'], pid: number | null = 100) =>
  sock({ localPort: 40000, remotePort: 8080, state, pid, inode: pid === null ? 0 : 5 });

describe('TransitionTracker', () => {
  it('takes the first tick as a baseline: counts, but no opened sockets or transitions', () => {
    const [first] = run([listener, client('ESTABLISHED')]);
    expect(count(first!, 'tcp4:LISTEN')).toBe(1);
    expect(count(first!, 'tcp4:ESTABLISHED')).toBe(1);
    expect(first!.opened).toBe(0);
    expect(cells(first!)).toEqual([]);
  });

  it('follows one connection from SYN_SENT to gone, crediting TIME_WAIT to the process that held it', () => {
    const ticks = run(
      [listener],
      [listener, client('SYN_SENT')],
      [listener, client('ESTABLISHED')],
      [listener, client('FIN_WAIT_2')],
      [listener, client('TIME_WAIT', null)],
      [listener],
    );
    expect(ticks.map(cells)).toEqual([
      [],
      ['NEW>SYN_SENT:1'],
      ['SYN_SENT>ESTABLISHED:1'],
      ['ESTABLISHED>FIN_WAIT_2:1'],
      ['FIN_WAIT_2>TIME_WAIT:1'],
      ['TIME_WAIT>GONE:1'],
    ]);
    expect(ticks.map((t) => [t.opened, t.closed])).toEqual([
      [0, 0],
      [1, 0],
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 1],
    ]);
    expect(ticks[4]!.events[0]).toMatchObject({ pid: 100, process: 'app', remote: '127.0.0.1:8080' });
    expect(count(ticks[4]!, 'tcp4:TIME_WAIT')).toBe(1);
    expect(count(ticks[5]!, 'tcp4:TIME_WAIT')).toBe(0);
  });

  it('counts a 4-tuple reused straight out of TIME_WAIT as a close and a new open, not TIME_WAIT -> ESTABLISHED', () => {
    const ticks = run([listener], [listener, client('TIME_WAIT', null)], [listener, client('ESTABLISHED', 200)]);
    expect(cells(ticks[2]!).sort()).toEqual(['NEW>ESTABLISHED:1', 'TIME_WAIT>GONE:1']);
    expect([ticks[2]!.opened, ticks[2]!.closed]).toEqual([1, 1]);
    expect(count(ticks[2]!, 'tcp4:TIME_WAIT')).toBe(0);
    expect(count(ticks[2]!, 'tcp4:ESTABLISHED')).toBe(1);
  });

  it('sees a tuple that vanishes and reappears a tick later as gone, then new again', () => {
    const ticks = run([listener], [listener, client('ESTABLISHED')], [listener], [listener, client('ESTABLISHED')]);
    expect(ticks.slice(1).map(cells)).toEqual([['NEW>ESTABLISHED:1'], ['ESTABLISHED>GONE:1'], ['NEW>ESTABLISHED:1']]);
  });

  it('counts UDP per family without TCP transitions', () => {
    const udp = sock({
      proto: 'udp',
      family: 6,
      localAddress: '::',
      remoteAddress: '::',
      remotePort: 0,
      state: 'UNCONN',
    });
    const ticks = run([], [udp]);
    expect(count(ticks[1]!, 'udp6:UNCONN')).toBe(1);
    expect(ticks[1]!.cells.every((c) => c === 0)).toBe(true);
  });

  it('maps pseudo-states to cells and back', () => {
    expect(cellOf('NEW', 'GONE')).toBeGreaterThanOrEqual(0);
    expect(cellOf('UNCONN', 'GONE')).toBe(-1);
  });

  it('with destroy events but no trace, churn is the kernel’s closes; transitions stay observed', () => {
    const differ = new SocketDiffer();
    const tracker = new TransitionTracker();
    const at = (i: number) => 1000 * (i + 1);
    const tick = (raw: RawSocket[], i: number, closed: number) =>
      tracker.apply(differ.next(raw, at(i)), at(i), { transitions: null, closed });
    tick([listener], 0, 0);
    // Three connections opened and closed between two refreshes: only the kernel saw them.
    const between = tick([listener, client('ESTABLISHED')], 1, 3);
    expect([between.opened, between.closed]).toEqual([1, 3]);
    expect(cells(between)).toEqual(['NEW>ESTABLISHED:1']);
    // Its timewait socket expiring is not a second close: the kernel counted it when it freed the full socket.
    tick([listener, client('TIME_WAIT', null)], 2, 1);
    const expiry = tick([listener], 3, 0);
    expect(expiry.closed).toBe(0);
    expect(cells(expiry)).toEqual(['TIME_WAIT>GONE:1']);
  });
});
