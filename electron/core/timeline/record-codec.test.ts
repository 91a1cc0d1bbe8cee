// The record codec gives back exactly what it was given, whatever the shapes, and really is compact.
import { describe, expect, it } from 'vitest';
import {
  decodeInts,
  decodeRecords,
  encodeInts,
  encodeRecords,
  inDecodeOrder,
  packBlob,
  packPair,
  unpackBlob,
  unpackPair,
} from './record-codec';
import type { JsonObject } from './timeline-types';

const roundTrip = (records: JsonObject[]) => decodeRecords(unpackBlob(packBlob(encodeRecords(records))));

describe('record codec', () => {
  it('round-trips records of mixed shapes, nulls, nested objects, arrays and awkward numbers', () => {
    const records: JsonObject[] = [
      { key: 'a', n: 1, m: { x: 1.5, y: null }, list: [1, 'two', { three: 3 }] },
      { key: 'b', n: -7, m: { x: 2, y: 'z' }, list: [] },
      { key: 'c', other: true },
      { key: 'd', n: Number.MAX_SAFE_INTEGER, m: { x: -0.25, y: null }, list: [null] },
      { key: 'e', n: 1e300, m: { y: 1, x: 2 }, list: [[]] },
      { key: 'tcp4 10.0.0.5:40000 1.2.3.4:443', other: false },
      { key: 'tcp4 10.0.0.5:40001 1.2.3.4:443', other: false },
    ];
    // Decode order groups records by their field list; each record comes back equal, field order included.
    const back = roundTrip(records);
    expect(back).toEqual(inDecodeOrder(records, (r) => r));
    expect(back.map((r) => Object.keys(r))).toEqual(inDecodeOrder(records, (r) => r).map((r) => Object.keys(r)));
  });

  it('keeps a column whose differences would leave the safe integer range exact', () => {
    const records = [{ v: Number.MAX_SAFE_INTEGER }, { v: -Number.MAX_SAFE_INTEGER }, { v: 3 }];
    expect(roundTrip(records)).toEqual(records);
  });

  it('keeps strings that share prefixes, and empty strings, exactly', () => {
    const records = ['', 'abcdefgh', 'abcdefgz', 'abcd', 'abcdefgh', 'x', ''].map((s) => ({ s }));
    expect(roundTrip(records)).toEqual(records);
  });

  it('is much smaller than JSON for a batch of similar sockets', () => {
    const sockets = Array.from({ length: 1000 }, (_, i) => ({
      key: `tcp4 10.0.0.5:${30000 + i} 10.0.0.9:443`,
      localPort: 30000 + i,
      state: 'ESTABLISHED',
      pid: 1234,
      metrics: { rttMs: (i % 17) / 10, bytesSent: i * 100 },
    }));
    const json = Buffer.byteLength(JSON.stringify(sockets));
    expect(packBlob(encodeRecords(sockets)).length).toBeLessThan(json / 20);
  });

  it('packs two documents and reads either alone', () => {
    const { blob, head } = packPair({ a: [1, 2] }, ['é', { b: null }]);
    expect(unpackPair(blob, head, 0)).toEqual({ a: [1, 2] });
    expect(unpackPair(blob, head, 1)).toEqual(['é', { b: null }]);
  });

  it('refuses malformed input instead of inventing records', () => {
    expect(() => decodeRecords({})).toThrow(/not an array/);
    expect(() => decodeRecords([[['a', 'b'], [1]]])).toThrow(/malformed/);
    expect(() => decodeRecords([[['a'], { f: [[2, 3]] }]])).toThrow(/malformed/);
    expect(() => unpackBlob(Buffer.from('not brotli at all'))).toThrow();
  });

  it('codes sorted integers as differences', () => {
    expect(encodeInts([5, 6, 9])).toEqual([5, 1, 3]);
    expect(decodeInts(encodeInts([5, 6, 9, 100]))).toEqual([5, 6, 9, 100]);
  });
});
