// Reads Prometheus text-format samples back, so tests assert on values and labels rather than on raw lines.

/** One sample line. */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** Every sample of an exposition text (comments and blank lines skipped; label escapes undone). */
export function parseSamples(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const brace = line.indexOf('{');
    const space = line.lastIndexOf(' ');
    const name = line.slice(0, brace >= 0 && brace < space ? brace : space);
    const labels: Record<string, string> = {};
    if (brace >= 0 && brace < space) {
      const re = /(\w+)="((?:[^"\\]|\\.)*)"/g;
      const body = line.slice(brace + 1, line.lastIndexOf('}'));
      for (const m of body.matchAll(re)) {
        labels[m[1] ?? ''] = (m[2] ?? '').replace(/\\(.)/g, (_all, c: string) => (c === 'n' ? '\n' : c));
      }
    }
    out.push({ name, labels, value: Number(line.slice(space + 1)) });
  }
  return out;
}

/** Samples of one metric whose labels include `match`. */
export function samplesOf(samples: readonly Sample[], name: string, match: Record<string, string> = {}): Sample[] {
  return samples.filter((s) => s.name === name && Object.entries(match).every(([k, v]) => s.labels[k] === v));
}

/** The value of the one sample that matches, or undefined when none does. */
export function valueOf(
  samples: readonly Sample[],
  name: string,
  match: Record<string, string> = {},
): number | undefined {
  const found = samplesOf(samples, name, match);
  if (found.length > 1) throw new Error(`${name} ${JSON.stringify(match)} matches ${found.length} samples`);
  return found[0]?.value;
}
