// Sockets per state over the window: a stacked area chart, and beside it the legend table that toggles series.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Area, AreaChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { StatsSeries } from '../../../../shared/model/history';
import { useStore } from '../../store/index';
import { stateRows, summarize } from './chart-data';
import { AXIS, CHART_MARGIN, GRID_PROPS, stateColor } from './chart-style';
import { ChartFigure } from './ChartFigure';
import { useChartFormats } from './use-chart-formats';
import { useChartPick } from './use-chart-pick';
import { StateLegend } from './StateLegend';
import { useChartLabels } from './use-chart-labels';

/** The states figure for one `stats:series` answer. */
export function StatesChart({ series, windowLabel }: { readonly series: StatsSeries; readonly windowLabel: string }) {
  const { t } = useTranslation();
  const hidden = useStore((s) => s.hiddenSeries);
  const { stateLabel } = useChartLabels();
  const { rows, keys } = useMemo(() => stateRows(series), [series]);
  const summary = useMemo(() => summarize(rows, keys), [rows, keys]);
  const { time, tooltip } = useChartFormats(series);
  const caption = t('stats.title', {
    window: windowLabel,
    points: rows.length,
    seconds: series.resolutionMs / 1000,
  });
  const pick = useChartPick();
  const chart = (
    <AreaChart data={rows} margin={CHART_MARGIN} onClick={pick}>
      <CartesianGrid {...GRID_PROPS} />
      <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} tickFormatter={time} stroke={AXIS} />
      <YAxis allowDecimals={false} stroke={AXIS} width={48} />
      <Tooltip {...tooltip} />
      {keys
        .filter((k) => !hidden.includes(k))
        .map((k) => (
          <Area
            key={k}
            dataKey={k}
            name={stateLabel(k)}
            stackId="states"
            type="linear"
            stroke={stateColor(k)}
            fill={stateColor(k)}
            fillOpacity={0.55}
            dot={false}
            isAnimationActive={false}
          />
        ))}
    </AreaChart>
  );
  return (
    <div className="chart-grid">
      <ChartFigure caption={caption} chartLabel={t('charts.statesLabel')} chart={chart} />
      <StateLegend summary={summary} />
    </div>
  );
}
