import { describe, expect, it } from 'vitest';
import { jsonChunks } from './json-chunks';
import { jsonText } from './terminal-text';

describe('jsonChunks', () => {
  it('joins to exactly the jsonText of the whole object, for every chunk size and array length', () => {
    const items = Array.from({ length: 7 }, (_, i) => ({ n: i, name: i === 3 ? 'bad\u202eq"\u2028' : `p${i}` }));
    for (const head of [{}, { schema: 'netinspect.snapshot/1', takenAt: 5, source: null }]) {
      for (let len = 0; len <= items.length; len++) {
        for (const per of [1, 2, 3, 100]) {
          const whole = jsonText({ ...head, sockets: items.slice(0, len) });
          expect([...jsonChunks(head, 'sockets', items.slice(0, len), per)].join('')).toBe(whole);
        }
      }
    }
  });

  it('never holds more than one chunk of items in a piece', () => {
    const items = Array.from({ length: 10 }, (_, i) => ({ n: i }));
    const pieces = [...jsonChunks({ a: 1 }, 'xs', items, 4)];
    expect(pieces.map((p) => (p.match(/"n":/g) ?? []).length).filter((n) => n > 0)).toEqual([4, 4, 2]);
  });
});
