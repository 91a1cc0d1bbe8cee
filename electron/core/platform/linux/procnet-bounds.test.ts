// /proc/net fields outside what the kernel can print are typed decode errors, never rows.
import { describe, expect, it } from 'vitest';
import { describeProcNetErrors, parseProcNet, type ProcNetDecodeError } from './procnet';

const HEADER = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
/** One good IPv4 LISTEN row; `over` replaces fields by index (0 = "sl:"). */
function row(over: Record<number, string> = {}): string {
  const f = [
    '0:',
    '0100007F:0050',
    '00000000:0000',
    '0A',
    '00000000:00000000',
    '00:00000000',
    '00000000',
    '0',
    '0',
    '5',
    '1',
    '0',
  ];
  for (const [i, v] of Object.entries(over)) f[Number(i)] = v;
  return `   ${f.join(' ')}`;
}

function parse(lines: string[]): { rows: number; errors: ProcNetDecodeError[] } {
  const errors: ProcNetDecodeError[] = [];
  const rows = parseProcNet([HEADER, ...lines, ''].join('\n'), 'tcp', 4, true, errors);
  return { rows: rows.length, errors };
}

describe('parseProcNet bounds', () => {
  it('keeps a good row and reports nothing for the header and the last newline', () => {
    expect(parse([row()])).toEqual({ rows: 1, errors: [] });
  });

  it.each([
    ['uid -1', { 7: '-1' }, 'uid'],
    ['uid 2^32 - 1, the invalid uid', { 7: '4294967295' }, 'uid'],
    ['inode 1e300', { 9: '1e300' }, 'inode'],
    ['inode past 32 bits', { 9: '4294967296' }, 'inode'],
    ['a negative queue', { 4: '-0000001:00000000' }, 'queues'],
    ['a queue that is not hex', { 4: '0000000G:00000000' }, 'queues'],
    ['state 0Azz, which parseInt reads as LISTEN', { 3: '0Azz' }, 'st'],
    ['state 2A, unknown', { 3: '2A' }, 'st'],
    ['a slot that is not a number', { 0: 'x:' }, 'line'],
    ['a truncated line', {}, 'line'],
  ] as const)('refuses %s', (_what, over, field) => {
    const line = field === 'line' && Object.keys(over).length === 0 ? row().slice(0, 40) : row(over);
    const r = parse([row(), line]);
    expect(r.rows).toBe(1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ table: 'tcp4', line: 3, field });
  });

  it('without a sink, still leaves impossible rows out', () => {
    expect(parseProcNet([HEADER, row({ 7: '-1' }), row({ 3: '0Azz' })].join('\n'), 'tcp', 4, true)).toEqual([]);
  });
});

describe('describeProcNetErrors', () => {
  it('is one line for the status: how many, and the first with its table, line, field and value', () => {
    expect(describeProcNetErrors([])).toBeNull();
    const { errors } = parse([row({ 7: '-1' }), row({ 9: '1e300' })]);
    expect(describeProcNetErrors(errors)).toBe(
      '2 /proc/net lines with impossible values left out (first: tcp4 line 2, uid "-1")',
    );
  });
});
