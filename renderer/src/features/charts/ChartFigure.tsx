// A chart in a figure with a caption; the drawing itself is one labelled image, the exact values live in tables.
import { useId, type ReactElement, type ReactNode } from 'react';
import { ResponsiveContainer } from 'recharts';

/** Caption, the chart (sized to its box) as `role="img"` with its label, then anything else that belongs to the figure. */
export function ChartFigure(props: {
  readonly caption: string;
  readonly chartLabel: string;
  /** A recharts chart; the figure gives it the box's size. */
  readonly chart: ReactElement;
  readonly children?: ReactNode;
}) {
  const id = useId();
  return (
    <figure className="chart-figure" aria-labelledby={id}>
      <figcaption id={id}>{props.caption}</figcaption>
      <div className="chart-box" role="img" aria-label={props.chartLabel}>
        <ResponsiveContainer width="100%" height="100%">
          {props.chart}
        </ResponsiveContainer>
      </div>
      {props.children}
    </figure>
  );
}
