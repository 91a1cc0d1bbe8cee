// Line framing: partial lines are kept until their newline, and nothing grows past the cap.
import { describe, expect, it } from 'vitest';
import { frame, LineReader, OversizedMessageError, parseLine } from './framing';

const b = (s: string): Buffer => Buffer.from(s, 'utf8');

describe('LineReader', () => {
  it('joins a message split across chunks, even inside a multi-byte character', () => {
    const r = new LineReader(1024);
    const bytes = b('{"a":"端口"}\n');
    expect(r.push(bytes.subarray(0, 8))).toEqual([]);
    expect(r.buffered).toBe(8);
    expect(r.push(bytes.subarray(8))).toEqual(['{"a":"端口"}']);
    expect(r.buffered).toBe(0);
  });

  it('returns every complete line of a chunk and keeps the tail', () => {
    const r = new LineReader(1024);
    expect(r.push(b('one\ntwo\nthr'))).toEqual(['one', 'two']);
    expect(r.push(b('ee\n'))).toEqual(['three']);
  });

  it('accepts a line of exactly the cap and refuses one byte more', () => {
    expect(new LineReader(4).push(b('abcd\n'))).toEqual(['abcd']);
    expect(() => new LineReader(4).push(b('abcde\n'))).toThrow(OversizedMessageError);
  });

  it('refuses an endless line as soon as it passes the cap, before any newline', () => {
    const r = new LineReader(10);
    r.push(b('12345'));
    expect(() => r.push(b('678901'))).toThrow(OversizedMessageError);
  });

  it('counts the bytes held from earlier chunks against the cap of the completed line', () => {
    const r = new LineReader(6);
    r.push(b('1234'));
    expect(() => r.push(b('567\n'))).toThrow(OversizedMessageError);
  });
});

describe('frame / parseLine', () => {
  it('frames as one line even when strings hold newlines, and parses back', () => {
    const line = frame({ s: 'a\nb' });
    expect(line.indexOf('\n')).toBe(line.length - 1);
    expect(parseLine(line.trimEnd())).toEqual({ s: 'a\nb' });
  });

  it('gives undefined for malformed JSON', () => {
    expect(parseLine('{"id": 1')).toBeUndefined();
  });
});
