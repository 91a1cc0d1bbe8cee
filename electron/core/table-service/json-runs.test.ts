// Runs of list --json's sockets rendered ahead: the same text as the whole array, and what a refresh left alone reused.
import { describe, expect, it } from 'vitest';
import { jsonText } from '../../../shared/logic/terminal-text';
import type { Socket } from '../../../shared/model/socket';
import { sock } from '../../../shared/test-support/sockets';
import { JsonRuns, RUN_MAX, runsOf } from './json-runs';

/** The array's text from the frames: each frame's length checked, then its bytes. */
function arrayText(frames: readonly Buffer[]): string {
  const all = Buffer.concat(frames);
  const parts: Buffer[] = [];
  for (let at = 0; at < all.length;) {
    const n = all.readUInt32BE(at);
    expect(n).toBeGreaterThan(0);
    parts.push(all.subarray(at + 4, at + 4 + n));
    at += 4 + n;
  }
  return `[${Buffer.concat(parts).toString('utf8')}]`;
}

const table = (n: number, base = 0): Socket[] =>
  Array.from({ length: n }, (_, i) => sock({ localPort: 1024 + ((base + i) % 60_000), remotePort: 40_000 + i }));

describe('runsOf', () => {
  it('covers every socket once, in order, with no run longer than RUN_MAX', () => {
    for (const n of [0, 1, 2, 500, 5_000]) {
      const runs = runsOf(table(n));
      expect(runs.flatMap(([a, b]) => Array.from({ length: b - a }, (_, k) => a + k))).toEqual(
        Array.from({ length: n }, (_, i) => i),
      );
      expect(Math.max(0, ...runs.map(([a, b]) => b - a))).toBeLessThanOrEqual(RUN_MAX);
    }
    // Some 64 apart on average: many runs end at a socket, not at the cap.
    expect(runsOf(table(5_000)).length).toBeGreaterThan(5_000 / RUN_MAX + 20);
  });

  it('cuts a table that lost and gained sockets the same as before everywhere else', () => {
    const before = table(3_000);
    const after = [...before.slice(0, 1000), ...before.slice(1001, 2000), ...before.slice(2000), ...table(3, 9_000)];
    const ends = (t: readonly Socket[]): Set<Socket> => new Set(runsOf(t).map(([, b]) => t[b - 1] as Socket));
    const was = ends(before);
    const now = ends(after);
    const kept = [...was].filter((s) => now.has(s)).length;
    expect(kept).toBeGreaterThan(was.size - 4);
  });
});

describe('JsonRuns', () => {
  it('gives exactly the jsonText of the array, kept or not, with hostile names escaped', () => {
    const items = table(700);
    items[5] = sock({ localPort: 7, process: 'evil\u202e\u2028"\u0007', remotePort: 9 });
    const runs = new JsonRuns();
    expect(arrayText([...runs.frames(items)])).toBe(jsonText(items));
    expect(runs.reused).toBe(0);
    expect(arrayText([...runs.frames(items)])).toBe(jsonText(items));
    expect(runs.reused).toBe(runsOf(items).length);
    expect(arrayText([...new JsonRuns().frames([])])).toBe('[]');
    runs.clear();
  });

  it('sends again the runs the refreshes left alone, and renders those changed, removed from or added to', () => {
    const before = table(4_000);
    const runs = new JsonRuns();
    const firstFrames = [...runs.frames(before)];
    const total = runsOf(before).length;
    expect(runs.rendered).toBe(total);
    // A refresh: one socket changed (a new object), one gone, two new at the end (a Map keeps that order).
    const after = before.slice();
    after[100] = { ...before[100], state: 'CLOSE_WAIT' } as Socket;
    after.splice(2_500, 1);
    after.push(...table(2, 50_000));
    const frames = [...runs.frames(after)];
    expect(arrayText(frames)).toBe(jsonText(after));
    const renderedNow = runs.rendered - total;
    expect(renderedNow).toBeGreaterThanOrEqual(3);
    expect(renderedNow).toBeLessThanOrEqual(6);
    expect(runs.reused).toBeGreaterThan(total - 6);
    // The very same bytes, not a copy: every reused run but the first (sent without its comma, as a new view).
    expect(frames.filter((f) => firstFrames.includes(f)).length).toBe(runs.reused - 1);
    runs.clear();
  });

  it('lets go of what it kept a while after the last answer, and an unfinished answer keeps the last one', async () => {
    const items = table(1_000);
    const runs = new JsonRuns(30);
    const all = [...runs.frames(items)];
    expect(all.length).toBeGreaterThan(1);
    expect(runs.size).toBe(runsOf(items).length);
    // A reader that went away after one frame: what was kept stays, nothing half-made replaces it.
    const cut = runs.frames(table(1_000, 5_000));
    cut.next();
    cut.return(undefined);
    expect(runs.size).toBe(runsOf(items).length);
    await new Promise((r) => setTimeout(r, 80));
    expect(runs.size).toBe(0);
    // Closed (the service stopped) while an answer was being sent: that answer keeps nothing.
    const late = runs.frames(items);
    late.next();
    runs.close();
    expect([...late].length).toBeGreaterThan(0);
    expect(runs.size).toBe(0);
  });
});
