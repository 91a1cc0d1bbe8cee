// The catalogue is what the docs promise: every metric's name, type, labels and series bound match the table.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../test-support/net-fixtures';
import { METRICS, seriesBound } from './metric-catalog';

/** The metrics table of the first document that has one (README.md once it holds the section). */
function documentedRows(): { file: string; rows: string[][] } {
  for (const file of ['README.md', path.join('docs', 'metrics.md')]) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    const rows = text
      .split('\n')
      .filter((l) => l.startsWith('| `netinspect_'))
      .map((l) =>
        l
          .split('|')
          .slice(1, -1)
          .map((c) => c.trim()),
      );
    if (rows.length > 0) return { file, rows };
  }
  throw new Error('no metrics table in README.md or docs/metrics.md');
}

/** `a·N + b` as the table writes it, from two points of a linear bound. */
function formula(bound: (n: number) => number): string {
  const b = bound(0);
  const a = bound(1) - b;
  if (a === 0) return String(b);
  return `${a === 1 ? '' : a}N${b ? ` + ${b}` : ''}`;
}

describe('metric catalogue', () => {
  it('matches the documented table row for row: name, type, labels, bound, value at N = 10', () => {
    const { file, rows } = documentedRows();
    const expected = Object.values(METRICS).map((m) => [
      `\`${m.name}\``,
      m.type,
      m.labels.length ? m.labels.map((l) => `\`${l}\``).join(', ') : '—',
      formula(m.bound),
      String(m.bound(10)),
    ]);
    expect(rows, file).toEqual(expected);
  });

  it('documents the total bound it computes', () => {
    const { file } = documentedRows();
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    const total = formula(seriesBound);
    expect(total).toBe('12N + 395');
    expect(text).toContain(`**${total.replace('N', ' N')}**, i.e. ${seriesBound(10)} series at the default N = 10`);
  });

  it('follows the naming rules: prefix, _total only on counters, base units', () => {
    for (const m of Object.values(METRICS)) {
      expect(m.name).toMatch(/^netinspect_[a-z_]+$/);
      expect(m.name.endsWith('_total'), m.name).toBe(m.type === 'counter');
      expect(m.name, m.name).not.toMatch(/_(ms|milliseconds|kb|kilobytes|percent)(_|$)/);
      for (const l of m.labels) expect(m.name, `${m.name} has label ${l} in its name`).not.toContain(`_${l}_`);
    }
  });
});
