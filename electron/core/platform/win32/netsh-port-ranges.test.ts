// The netsh parsers on output captured from English Windows (CRLF line ends, as netsh writes them).
import { describe, expect, it } from 'vitest';
import { exclusionFor, parseDynamicPortRange, parseExcludedPortRanges } from './netsh-port-ranges';

const crlf = (lines: readonly string[]): string => lines.join('\r\n');

const DYNAMIC = crlf([
  '',
  'Protocol tcp Dynamic Port Range',
  '---------------------------------',
  'Start Port      : 49152',
  'Number of Ports : 16384',
  '',
]);

const EXCLUDED = crlf([
  '',
  'Protocol tcp Port Exclusion Ranges',
  '',
  'Start Port    End Port',
  '----------    --------',
  '      1540        1639',
  '      5357        5357',
  '     50000       50059     *',
  '',
  '* - Administered port exclusions.',
  '',
]);

describe('parseDynamicPortRange', () => {
  it('reads start and count, and derives the inclusive end', () => {
    expect(parseDynamicPortRange(DYNAMIC)).toEqual({ start: 49152, count: 16384, end: 65535 });
  });

  it('relies on the order of the values, not on English labels', () => {
    const french = crlf([
      'Protocole tcp Plage de ports dynamique',
      '---',
      'Port de début   : 1025',
      'Nombre de ports : 64511',
    ]);
    expect(parseDynamicPortRange(french)).toEqual({ start: 1025, count: 64511, end: 65535 });
  });

  it('returns null for text without a range or with an impossible one', () => {
    expect(parseDynamicPortRange('')).toBeNull();
    expect(parseDynamicPortRange('The following command was not found: int ipv4 show dynamicport tcp.')).toBeNull();
    expect(parseDynamicPortRange(crlf(['Start Port : 65000', 'Number of Ports : 1000']))).toBeNull();
    expect(parseDynamicPortRange(crlf(['Start Port : 1000', 'Number of Ports : 0']))).toBeNull();
  });
});

describe('parseExcludedPortRanges', () => {
  it('reads every row, marking administered exclusions', () => {
    expect(parseExcludedPortRanges(EXCLUDED)).toEqual([
      { start: 1540, end: 1639, administered: false },
      { start: 5357, end: 5357, administered: false },
      { start: 50000, end: 50059, administered: true },
    ]);
  });

  it('returns no ranges for a list with none, and skips impossible rows', () => {
    expect(
      parseExcludedPortRanges(
        crlf(['Protocol tcp Port Exclusion Ranges', '', 'Start Port    End Port', '----------    --------', '']),
      ),
    ).toEqual([]);
    expect(parseExcludedPortRanges('  70000  70001\n  20  10\n')).toEqual([]);
  });
});

describe('exclusionFor', () => {
  it('finds the range that holds a port, inclusive at both ends', () => {
    const ranges = parseExcludedPortRanges(EXCLUDED);
    expect(exclusionFor(1540, ranges)?.end).toBe(1639);
    expect(exclusionFor(1639, ranges)?.start).toBe(1540);
    expect(exclusionFor(50059, ranges)?.administered).toBe(true);
    expect(exclusionFor(8080, ranges)).toBeNull();
  });
});
