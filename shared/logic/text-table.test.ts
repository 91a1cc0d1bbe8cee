// Text tables and CSV: alignment, RFC 4180 quoting, controls shown visibly, spreadsheet formulas neutralised.
import { describe, expect, it } from 'vitest';
import { renderCsv, renderTextTable } from './text-table';

describe('renderTextTable', () => {
  it('pads columns to the widest cell', () => {
    expect(renderTextTable(['A', 'Bee'], [['long', 'x']])).toBe('A     Bee\nlong  x');
  });

  it('shows control characters in cells visibly, so a process name cannot drive the terminal', () => {
    const text = renderTextTable(['Name', 'User'], [['\x1b[2J\x1b]0;PWN\x07', 'root']]);
    expect(text).not.toContain('\x1b');
    expect(text).not.toContain('\x07');
    expect(text.split('\n')[1]).toBe('\\x1b[2J\\x1b]0;PWN\\x07  root');
    // A newline in a cell cannot forge a row either.
    expect(renderTextTable(['A'], [['x\ny']]).split('\n')).toEqual(['A', 'x\\x0ay']);
  });
});

describe('renderCsv', () => {
  const row = (cells: (string | number | null)[]) =>
    renderCsv(
      ['c'],
      cells.map((c) => [c]),
    )
      .split('\r\n')
      .slice(1, -1);

  it('quotes commas, quotes and leaves plain cells bare', () => {
    expect(row(['a,b', 'say "hi"', 'plain', null])).toEqual(['"a,b"', '"say ""hi"""', 'plain', '']);
  });

  it('neutralises cells a spreadsheet would run as a formula: a quote inside a quoted cell', () => {
    expect(row(['=HYPERLINK(1)', '+cmd', '-2+3', '@SUM(A1)'])).toEqual([
      `"'=HYPERLINK(1)"`,
      `"'+cmd"`,
      `"'-2+3"`,
      `"'@SUM(A1)"`,
    ]);
    // Tab and CR are formula triggers too; they are shown as visible escapes after the quote.
    expect(row(['\t=1', '\r=1'])).toEqual([`"'\\x09=1"`, `"'\\x0d=1"`]);
  });

  it('keeps numbers as numbers, negative ones and numeric text included', () => {
    expect(row([-5, 0, 42.5, '-7', '+3', '-1.5e3'])).toEqual(['-5', '0', '42.5', '-7', '+3', '-1.5e3']);
  });

  it('shows control characters visibly instead of writing them raw', () => {
    expect(row(['a\x1b[2Jb'])).toEqual(['a\\x1b[2Jb']);
    expect(row(['two\nlines'])).toEqual(['two\\x0alines']);
  });
});
