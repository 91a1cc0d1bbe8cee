// A tiny inline chart of recent rates (bytes/s): one polyline, no axes, labelled for screen readers.
import type { Rate } from '../../../shared/logic/adapter-rates';

const WIDTH = 80;
const HEIGHT = 18;

/** The last points of `which` (rx or tx) as a polyline scaled to its own maximum. */
export function Sparkline({
  points,
  which,
  label,
}: {
  readonly points: readonly Rate[];
  readonly which: 'rx' | 'tx';
  readonly label: string;
}) {
  const values = points.map((p) => p[which] ?? 0);
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? WIDTH / (values.length - 1) : WIDTH;
  const coords = values.map((v, i) => `${(i * step).toFixed(1)},${(HEIGHT - 1 - (v / max) * (HEIGHT - 2)).toFixed(1)}`);
  return (
    <svg className="sparkline" width={WIDTH} height={HEIGHT} role="img" aria-label={label}>
      {coords.length > 1 && <polyline points={coords.join(' ')} fill="none" stroke="currentColor" strokeWidth="1" />}
    </svg>
  );
}
