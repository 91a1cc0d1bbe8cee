// The states chart's legend as a table: each row toggles its series and gives now / mean / peak exactly.
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index';
import { DataTable, numeric } from '../../ui/DataTable';
import type { SeriesSummary } from './chart-data';
import { numberFormatter, stateColor } from './chart-style';
import { useChartLabels } from './use-chart-labels';

/** Legend and exact values of the states chart. */
export function StateLegend({ summary }: { readonly summary: readonly SeriesSummary[] }) {
  const { t, i18n } = useTranslation();
  const hidden = useStore((s) => s.hiddenSeries);
  const toggle = useStore((s) => s.toggleSeries);
  const { stateLabel } = useChartLabels();
  const num = numberFormatter(i18n.language);
  return (
    <DataTable
      className="data-table chart-figure"
      label={t('charts.legend')}
      columns={['charts.series', numeric('stats.now'), numeric('stats.mean'), numeric('stats.peak')]}
    >
      {summary.map((s) => (
        <tr key={s.key}>
          <th scope="row">
            <button
              type="button"
              className="series-toggle"
              aria-pressed={!hidden.includes(s.key)}
              title={t('charts.toggle', { name: stateLabel(s.key) })}
              onClick={() => toggle(s.key)}
            >
              <span className="swatch" style={{ background: stateColor(s.key) }} aria-hidden="true" />
              {stateLabel(s.key)}
            </button>
          </th>
          <td className="num">{num(s.now)}</td>
          <td className="num">{num(s.mean)}</td>
          <td className="num">{num(s.peak)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
