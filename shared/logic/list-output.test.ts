import { describe, expect, it } from 'vitest';
import { sock as socket } from '../test-support/sockets';
import { listOutput } from './list-output';

const snap = { takenAt: 5, source: 'netlink' as const, ownerVisibility: 'all' as const, hiddenOwners: 0 };
const reader = { lang: 'en' as const, elevated: false };
const text = (...a: Parameters<typeof listOutput>) => [...listOutput(...a)].join('');

describe('listOutput', () => {
  it('writes netinspect.snapshot/1 JSON that parses back to the sockets, saying this process took the snapshot', () => {
    const sockets = [socket({ localPort: 1 }), socket({ localPort: 2, process: 'evil\u202ename' })];
    const out = JSON.parse(text(snap, sockets, { json: true }, reader)) as Record<string, unknown>;
    expect(out).toEqual({ schema: 'netinspect.snapshot/1', ...snap, table: { kind: 'snapshot' }, sockets });
  });

  it('adds remoteName to each socket with --resolve, and names the warm table that answered', () => {
    const sockets = [socket({ remoteAddress: '10.0.0.1' }), socket({ remoteAddress: '10.0.0.2', localPort: 9 })];
    const names = new Map([['10.0.0.1', 'db.local']]);
    const origin = { host: 'browser', pid: 42, ageMs: 300 };
    const out = JSON.parse(text(snap, sockets, { json: true, resolve: true }, reader, names, origin)) as {
      table: unknown;
      sockets: { remoteName: string | null }[];
    };
    expect(out.table).toEqual({ kind: 'warm', host: 'browser', pid: 42, ageMs: 300 });
    expect(out.sockets.map((s) => s.remoteName)).toEqual(['db.local', null]);
  });

  it('ends the text table with the hidden-owner note and where a warm answer came from', () => {
    const out = text({ ...snap, hiddenOwners: 2 }, [socket()], {}, reader, new Map(), {
      host: 'browser',
      pid: 42,
      ageMs: 1500,
    });
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Proto/);
    expect(lines.at(-1)).toContain('netinspect serve, pid 42), 1.5 s old');
    expect(lines.at(-2)).toMatch(/2 sockets/);
  });
});
