// A tiny inline chart of recent rates (bytes/s): one polyline, no axes, labelled for screen readers.

const WIDTH = 80;
const HEIGHT = 18;

/** `values` (oldest first) as a polyline scaled to their own maximum. */
export function Sparkline({ values, label }: { readonly values: readonly number[]; readonly label: string }) {
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? WIDTH / (values.length - 1) : WIDTH;
  const coords = values.map((v, i) => `${(i * step).toFixed(1)},${(HEIGHT - 1 - (v / max) * (HEIGHT - 2)).toFixed(1)}`);
  return (
    <svg className="sparkline" width={WIDTH} height={HEIGHT} role="img" aria-label={label}>
      {coords.length > 1 && <polyline points={coords.join(' ')} fill="none" stroke="currentColor" strokeWidth="1" />}
    </svg>
  );
}
