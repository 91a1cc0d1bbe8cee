// Top-N selection: the n best in order, ties by key, and every other value in `rest`.
import { describe, expect, it } from 'vitest';
import { topN } from './top-n';

const byValue = (a: number, b: number): number => a - b;

describe('topN', () => {
  it('keeps the n largest, best first, and hands back the rest', () => {
    const entries: [string, number][] = [
      ['a', 5],
      ['b', 9],
      ['c', 1],
      ['d', 7],
      ['e', 3],
    ];
    const r = topN(entries, 3, byValue);
    expect(r.top).toEqual([
      ['b', 9],
      ['d', 7],
      ['a', 5],
    ]);
    expect([...r.rest].sort(byValue)).toEqual([1, 3]);
  });

  it('breaks ties by the smaller key, whatever the input order', () => {
    const one = topN(
      [
        ['z', 1],
        ['m', 1],
        ['a', 1],
      ],
      2,
      byValue,
    );
    const other = topN(
      [
        ['a', 1],
        ['z', 1],
        ['m', 1],
      ],
      2,
      byValue,
    );
    expect(one.top.map(([k]) => k)).toEqual(['a', 'm']);
    expect(other.top.map(([k]) => k)).toEqual(['a', 'm']);
  });

  it('returns everything when there are fewer than n, and nothing on top for n = 0', () => {
    expect(topN(new Map([['x', 2]]), 10, byValue).top).toEqual([['x', 2]]);
    expect(topN(new Map([['x', 2]]), 0, byValue)).toEqual({ top: [], rest: [2] });
  });

  it('matches a full sort on a large random map', () => {
    const m = new Map<string, number>();
    for (let i = 0; i < 5000; i++) m.set(`k${i}`, (i * 7919) % 1013);
    const sorted = [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const r = topN(m, 25, byValue);
    expect(r.top).toEqual(sorted.slice(0, 25));
    expect(r.rest.length).toBe(5000 - 25);
  });
});
