// Port lists as users write them for a scan (`22,80,8000-8100`), parsed strictly: nothing guessed, nothing cut.
import { MAX_SCAN_PORTS } from '../../model/tools';
import { keyedError } from '../input-error';
import { parsePort, parsePortRange } from '../socket-query';

/**
 * Parses comma-separated ports and FIRST-LAST ranges into sorted distinct ports. Throws INVALID_INPUT for an empty
 * list, a port outside 1..65535, a reversed range, or more than `max` ports (a scan refuses rather than truncates).
 */
export function parsePortList(text: string, max = MAX_SCAN_PORTS): number[] {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length === 0 || parts.every((p) => p === '')) throw keyedError('tools.input.portList', { value: text });
  const ports = new Set<number>();
  for (const part of parts) {
    if (part === '') throw keyedError('tools.input.portList', { value: text });
    if (part.includes('-')) {
      const [a, b] = parsePortRange(part);
      if (b - a + 1 + ports.size > max * 2) throw keyedError('tools.input.tooManyPorts', { max });
      for (let p = a; p <= b; p++) ports.add(p);
    } else {
      ports.add(parsePort(part, 'ports'));
    }
  }
  if (ports.size > max) throw keyedError('tools.input.tooManyPorts', { max, count: ports.size });
  return [...ports].sort((x, y) => x - y);
}

/** Parses a whole number within [min, max] for a flag such as --concurrency or --timeout. */
export function parseBounded(text: string, field: string, min: number, max: number): number {
  const t = text.trim();
  if (!/^\d+$/.test(t) || Number(t) < min || Number(t) > max) {
    throw keyedError('tools.input.bounded', { field, value: text, min, max });
  }
  return Number(t);
}
