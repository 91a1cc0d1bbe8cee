// top as text: columns, units, the hidden-owners line, escaped names, and the row limit.
import { describe, expect, it } from 'vitest';
import type { ProcessTraffic, ProcessTrafficList } from '../../shared/model/processes';
import { processTraffic } from '../../shared/test-support/processes';
import { renderTop } from './top-render';

const base = processTraffic({
  pid: 4242,
  name: 'curl',
  sentBytesPerSec: 4 * 1024 * 1024,
  receivedBytesPerSec: 512,
  sentBytes: 40 * 1024 * 1024,
  receivedBytes: 2048,
});

function list(processes: ProcessTraffic[], hidden: ProcessTrafficList['hidden'] = null): ProcessTrafficList {
  return {
    takenAt: Date.UTC(2026, 0, 1),
    intervalMs: 1000,
    processes,
    destinations: [],
    hidden,
    closedSource: 'kernel',
  };
}

describe('renderTop', () => {
  it('prints one row per process with rates per second and totals, and the limits', () => {
    const text = renderTop('en', list([base]), 'rate', 1000);
    const line = text.split('\n').find((l) => l.startsWith('4242'));
    expect(line).toMatch(/^4242\s+dev\s+curl\s+4\.0 MiB\/s\s+512 B\/s\s+40 MiB\s+2\.0 KiB\s+1\s+live$/);
    expect(text).toContain('every 1s');
    expect(text).toContain('UDP is not counted');
    expect(text).toContain('Total: 4.0 MiB/s sent, 512 B/s received');
  });

  it('says why owners are hidden, shows a dash for missing rates and escapes hostile names', () => {
    const text = renderTop(
      'en',
      list(
        [
          { ...base, name: 'evil\x1b[2Jname' },
          { ...base, pid: null, name: '', user: null, sentBytesPerSec: null, receivedBytesPerSec: null },
        ],
        { sockets: 3, reasonKey: 'owners.hiddenMany' },
      ),
      'bytes',
      1000,
    );
    expect(text).not.toContain('\x1b');
    expect(text).toContain('evil\\x1b[2Jname');
    expect(text).toMatch(/^-\s+-\s+\(hidden owners\)\s+—\s+—/m);
    expect(text).toContain('Owners of 3 sockets are hidden');
  });

  it('shows at most maxRows processes and counts the rest', () => {
    const rows = [1, 2, 3, 4].map((pid) => ({ ...base, pid }));
    const text = renderTop('en', list(rows), 'rate', 1000, 2);
    expect(text.split('\n').filter((l) => /^\d+\s/.test(l))).toHaveLength(2);
    expect(text).toContain('… and 2 more');
  });
});
