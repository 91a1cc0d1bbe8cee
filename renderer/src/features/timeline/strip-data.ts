// The bar's strip: a recorded window's per-state counts folded into a few bands (listening, established, waiting,
// problem, opening/closing), as stacked heights per point. Pure, so it is unit-tested.
import type { PastSeries } from '../../../../shared/model/timeline';

/** The strip's bands, bottom to top, each a CSS class of its colour. */
export const BANDS = ['listen', 'established', 'opening', 'wait', 'problem'] as const;
/** One band. */
export type Band = (typeof BANDS)[number];

/** Which band a series (`tcp4:TIME_WAIT`, `udp6:UNCONN` ...) is drawn in. */
export function bandOf(seriesId: string): Band {
  const state = seriesId.slice(seriesId.indexOf(':') + 1);
  if (state === 'LISTEN' || state === 'UNCONN') return 'listen';
  if (state === 'ESTABLISHED') return 'established';
  if (state === 'TIME_WAIT' || state === 'CLOSED') return 'wait';
  if (state === 'CLOSE_WAIT' || state === 'CLOSING' || state === 'LAST_ACK') return 'problem';
  return 'opening';
}

/** One column of the strip: where it starts (ms since epoch), its bands' counts, and their total. */
export interface StripColumn {
  readonly t: number;
  readonly bands: Readonly<Record<Band, number>>;
  readonly total: number;
}

/** The columns of a series answer, and the largest total (the strip's full height). */
export function stripColumns(s: PastSeries): { columns: StripColumn[]; max: number } {
  const bandOfIndex = s.series.map(bandOf);
  let max = 0;
  const columns = s.points.map((p) => {
    const bands: Record<Band, number> = { listen: 0, established: 0, opening: 0, wait: 0, problem: 0 };
    p.counts.forEach((n, i) => {
      const b = bandOfIndex[i];
      if (b) bands[b] += n;
    });
    const total = BANDS.reduce((a, b) => a + bands[b], 0);
    max = Math.max(max, total);
    return { t: p.t, bands, total };
  });
  return { columns, max };
}

/** The time at a horizontal position `x` (0..1 of the track's width) of a range. */
export function timeAt(x: number, range: { readonly from: number; readonly to: number }): number {
  const f = Math.min(1, Math.max(0, x));
  return Math.round(range.from + f * (range.to - range.from));
}
