// Pure parsers of `netsh int ipv4 show dynamicport` and `show excludedportrange` output.

/** The ephemeral (dynamic) port range Windows picks client ports from. */
export interface DynamicPortRange {
  readonly start: number;
  readonly count: number;
  /** Last port of the range (inclusive). */
  readonly end: number;
}

/** A reserved port range no one may bind to (Hyper-V, WinNAT, Docker, or an administrator's reservation). */
export interface ExcludedPortRange {
  readonly start: number;
  /** Inclusive. */
  readonly end: number;
  /** Marked `*`: an administered (persistent) exclusion rather than one a service reserved at run time. */
  readonly administered: boolean;
}

function isPort(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= 65535;
}

/**
 * Parses `netsh int ipv4 show dynamicport tcp`:
 * ```
 * Protocol tcp Dynamic Port Range
 * ---------------------------------
 * Start Port      : 49152
 * Number of Ports : 16384
 * ```
 * Labels are translated on other Windows languages, so only their order is relied on: the first `label : number`
 * line is the start, the second the count. Returns null when the text holds no valid range.
 */
export function parseDynamicPortRange(text: string): DynamicPortRange | null {
  const values: number[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /:\s*(\d+)\s*$/.exec(line);
    if (m) values.push(Number(m[1]));
  }
  if (values.length < 2) return null;
  const [start, count] = values;
  if (!isPort(start) || count < 1 || start + count - 1 > 65535) return null;
  return { start, count, end: start + count - 1 };
}

/**
 * Parses `netsh int ipv4 show excludedportrange protocol=tcp`: rows of `start end`, an optional trailing `*` for
 * administered exclusions. Headers, rulers and the footnote (in any language) match no row and are skipped.
 */
export function parseExcludedPortRanges(text: string): ExcludedPortRange[] {
  const ranges: ExcludedPortRange[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(\d+)\s+(\d+)\s*(\*)?\s*$/.exec(line);
    if (!m) continue;
    const start = Number(m[1]);
    const end = Number(m[2]);
    if (!isPort(start) || !isPort(end) || end < start) continue;
    ranges.push({ start, end, administered: m[3] === '*' });
  }
  return ranges;
}

/** The excluded range that contains `port`, or null: why a bind to a free-looking port fails with EACCES. */
export function exclusionFor(port: number, ranges: readonly ExcludedPortRange[]): ExcludedPortRange | null {
  for (const r of ranges) if (port >= r.start && port <= r.end) return r;
  return null;
}
