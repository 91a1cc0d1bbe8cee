// Per-state counts over the recording, drawn behind the slider: one stacked column per point; a click picks a time.
import { useMemo, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index';
import { BANDS, stripColumns, timeAt } from './strip-data';

/** Height of the strip in SVG units (it is scaled to the track). */
const HEIGHT = 24;

/** The strip of `range`, from the low-resolution stats the timeline slice keeps. */
export function StateStrip({ range }: { readonly range: { readonly from: number; readonly to: number } }) {
  const { t } = useTranslation();
  const strip = useStore((s) => s.strip);
  const viewAt = useStore((s) => s.viewAt);
  const { columns, max } = useMemo(() => (strip ? stripColumns(strip) : { columns: [], max: 0 }), [strip]);
  const span = Math.max(1, range.to - range.from);
  const width = strip ? strip.resolutionMs : span;
  const onClick = (e: MouseEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    if (box.width > 0) void viewAt(timeAt((e.clientX - box.left) / box.width, range));
  };
  return (
    <svg
      className="timeline-strip"
      viewBox={`0 0 ${span} ${HEIGHT}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={t('timelineUi.bar.strip')}
      onClick={onClick}
    >
      {max > 0 &&
        columns.map((c) => {
          let y = HEIGHT;
          return BANDS.map((b) => {
            const h = (c.bands[b] / max) * HEIGHT;
            y -= h;
            return h > 0 ? (
              <rect key={`${c.t}-${b}`} className={`strip-${b}`} x={c.t - range.from} y={y} width={width} height={h} />
            ) : null;
          });
        })}
    </svg>
  );
}
