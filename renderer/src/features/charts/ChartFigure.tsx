// A chart in a figure with a caption; the drawing itself is one labelled image, the exact values live in tables.
import { useId, type ReactNode } from 'react';

/** Caption, the chart as `role="img"` with its label, then anything else that belongs to the figure. */
export function ChartFigure(props: {
  readonly caption: string;
  readonly chartLabel: string;
  readonly chart: ReactNode;
  readonly children?: ReactNode;
}) {
  const id = useId();
  return (
    <figure className="chart-figure" aria-labelledby={id}>
      <figcaption id={id}>{props.caption}</figcaption>
      <div className="chart-box" role="img" aria-label={props.chartLabel}>
        {props.chart}
      </div>
      {props.children}
    </figure>
  );
}
