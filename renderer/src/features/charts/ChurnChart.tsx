// Connections opened and closed per second over the window.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { StatsSeries } from '../../../../shared/model/history';
import { churnRows } from './chart-data';
import { AXIS, GRID, TOOLTIP_STYLE, numberFormatter, stateColor, timeFormatter } from './chart-style';
import { ChartFigure } from './ChartFigure';
import { useChartPick } from './use-chart-pick';

/** The churn figure for one `stats:series` answer. */
export function ChurnChart({ series }: { readonly series: StatsSeries }) {
  const { t, i18n } = useTranslation();
  const rows = useMemo(() => churnRows(series), [series]);
  const time = timeFormatter(i18n.language, series.resolutionMs < 60_000);
  const num = numberFormatter(i18n.language);
  const pick = useChartPick();
  const chart = (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: 0 }} onClick={pick}>
        <CartesianGrid stroke={GRID} strokeDasharray="3 3" />
        <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} tickFormatter={time} stroke={AXIS} />
        <YAxis stroke={AXIS} width={48} />
        <Tooltip
          contentStyle={TOOLTIP_STYLE}
          labelFormatter={(v) => time(Number(v))}
          formatter={(v) => num(Number(v))}
        />
        <Legend wrapperStyle={{ fontSize: 11 }} />
        <Line
          dataKey="opened"
          name={t('charts.opened')}
          stroke={stateColor('ESTABLISHED')}
          dot={false}
          isAnimationActive={false}
        />
        <Line
          dataKey="closed"
          name={t('charts.closed')}
          stroke={stateColor('CLOSE_WAIT')}
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
  return <ChartFigure caption={t('charts.churnTitle')} chartLabel={t('charts.churnLabel')} chart={chart} />;
}
