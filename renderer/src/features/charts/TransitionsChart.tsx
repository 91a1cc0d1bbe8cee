// Transition counts per interval as stacked bars, the most frequent kinds each in their own colour.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { StatsSeries } from '../../../../shared/model/history';
import { transitionRows } from './chart-data';
import { AXIS, GRID, TOOLTIP_STYLE, keyColor, numberFormatter, timeFormatter } from './chart-style';
import { ChartFigure } from './ChartFigure';
import { useChartLabels } from './use-chart-labels';
import { useChartPick } from './use-chart-pick';

/** The transitions figure for one `stats:series` answer. */
export function TransitionsChart({ series }: { readonly series: StatsSeries }) {
  const { t, i18n } = useTranslation();
  const { transitionLabel } = useChartLabels();
  const { rows, keys } = useMemo(() => transitionRows(series), [series]);
  const time = timeFormatter(i18n.language, series.resolutionMs < 60_000);
  const num = numberFormatter(i18n.language);
  const pick = useChartPick();
  const chart = (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: 0 }} barCategoryGap={0} onClick={pick}>
        <CartesianGrid stroke={GRID} strokeDasharray="3 3" />
        <XAxis dataKey="t" tickFormatter={time} stroke={AXIS} minTickGap={24} />
        <YAxis allowDecimals={false} stroke={AXIS} width={48} />
        <Tooltip
          contentStyle={TOOLTIP_STYLE}
          labelFormatter={(v) => time(Number(v))}
          formatter={(v) => num(Number(v))}
        />
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
    </ResponsiveContainer>
  );
  return (
    <ChartFigure
      caption={t('charts.transitionsTitle', { seconds: series.resolutionMs / 1000 })}
      chartLabel={t('charts.transitionsLabel')}
      chart={chart}
    />
  );
}
