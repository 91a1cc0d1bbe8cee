// Transition counts per interval as stacked bars, the most frequent kinds each in their own colour.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { StatsSeries } from '../../../../shared/model/history';
import { transitionRows } from './chart-data';
import { AXIS, CHART_MARGIN, GRID_PROPS, keyColor } from './chart-style';
import { ChartFigure } from './ChartFigure';
import { useChartFormats } from './use-chart-formats';
import { useChartLabels } from './use-chart-labels';
import { useChartPick } from './use-chart-pick';

/** The transitions figure for one `stats:series` answer. */
export function TransitionsChart({ series }: { readonly series: StatsSeries }) {
  const { t } = useTranslation();
  const { transitionLabel } = useChartLabels();
  const { rows, keys } = useMemo(() => transitionRows(series), [series]);
  const { time, tooltip } = useChartFormats(series);
  const pick = useChartPick();
  const chart = (
    <BarChart data={rows} margin={CHART_MARGIN} barCategoryGap={0} onClick={pick}>
      <CartesianGrid {...GRID_PROPS} />
      <XAxis dataKey="t" tickFormatter={time} stroke={AXIS} minTickGap={24} />
      <YAxis allowDecimals={false} stroke={AXIS} width={48} />
      <Tooltip {...tooltip} />
      <Legend wrapperStyle={{ fontSize: 11 }} />
      {keys.map((k) => (
        <Bar
          key={k}
          dataKey={k}
          name={transitionLabel(k)}
          stackId="transitions"
          fill={keyColor(k)}
          isAnimationActive={false}
        />
      ))}
    </BarChart>
  );
  return (
    <ChartFigure
      caption={t('charts.transitionsTitle', { seconds: series.resolutionMs / 1000 })}
      chartLabel={t('charts.transitionsLabel')}
      chart={chart}
    />
  );
}
