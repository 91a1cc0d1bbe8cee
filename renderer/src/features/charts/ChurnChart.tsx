// Connections opened and closed per second over the window.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { StatsSeries } from '../../../../shared/model/history';
import { churnRows } from './chart-data';
import { AXIS, CHART_MARGIN, GRID_PROPS, stateColor } from './chart-style';
import { ChartFigure } from './ChartFigure';
import { useChartFormats } from './use-chart-formats';
import { useChartPick } from './use-chart-pick';

/** The two lines, each in the colour of the state a connection opens into or closes by. */
const LINES = [
  { key: 'opened', color: stateColor('ESTABLISHED') },
  { key: 'closed', color: stateColor('CLOSE_WAIT') },
] as const;

/** The churn figure for one `stats:series` answer. */
export function ChurnChart({ series }: { readonly series: StatsSeries }) {
  const { t } = useTranslation();
  const rows = useMemo(() => churnRows(series), [series]);
  const { time, tooltip } = useChartFormats(series);
  const pick = useChartPick();
  const chart = (
    <LineChart data={rows} margin={CHART_MARGIN} onClick={pick}>
      <CartesianGrid {...GRID_PROPS} />
      <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} tickFormatter={time} stroke={AXIS} />
      <YAxis stroke={AXIS} width={48} />
      <Tooltip {...tooltip} />
      <Legend wrapperStyle={{ fontSize: 11 }} />
      {LINES.map((l) => (
        <Line
          key={l.key}
          dataKey={l.key}
          name={t(`charts.${l.key}`)}
          stroke={l.color}
          dot={false}
          isAnimationActive={false}
        />
      ))}
    </LineChart>
  );
  return <ChartFigure caption={t('charts.churnTitle')} chartLabel={t('charts.churnLabel')} chart={chart} />;
}
