// Transition totals of the window, and the same broken down by process and by remote endpoint: the exact numbers.
import { useTranslation } from 'react-i18next';
import type { StatsTransitions, TransitionCount, TransitionGroup } from '../../../../shared/model/history';
import { DataTable, numeric } from '../../ui/DataTable';
import { transitionKey } from './chart-data';
import { useChartLabels } from './use-chart-labels';

/** Kinds listed per group in the breakdowns. */
const TOP_PER_GROUP = 3;

function TotalsTable({ total }: { readonly total: readonly TransitionCount[] }) {
  const { t } = useTranslation();
  const { transitionLabel } = useChartLabels();
  if (total.length === 0) return <p className="analytics-note">{t('stats.none')}</p>;
  return (
    <DataTable
      className="data-table"
      label={t('charts.transitionTotals')}
      columns={['charts.transition', numeric('charts.count')]}
    >
      {total.map((tr) => (
        <tr key={transitionKey(tr)}>
          <th scope="row">{transitionLabel(transitionKey(tr))}</th>
          <td className="num">{tr.count}</td>
        </tr>
      ))}
    </DataTable>
  );
}

function GroupTable({ label, groups }: { readonly label: string; readonly groups: readonly TransitionGroup[] }) {
  const { t } = useTranslation();
  const { transitionLabel } = useChartLabels();
  const name = (g: TransitionGroup) => {
    if (g.group === '(other)') return t('charts.otherTransitions');
    if (g.group === '?') return t('charts.noOwner');
    return g.pid !== null && g.process !== null ? `${g.process} (${g.pid})` : g.group;
  };
  return (
    <DataTable
      className="data-table"
      label={label}
      caption={label}
      columns={['charts.group', numeric('charts.total'), 'charts.top']}
    >
      {groups.map((g) => (
        <tr key={g.group}>
          <th scope="row">{name(g)}</th>
          <td className="num">{g.total}</td>
          <td>
            {g.transitions
              .slice(0, TOP_PER_GROUP)
              .map((tr) => `${transitionLabel(transitionKey(tr))} ×${tr.count}`)
              .join(', ')}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/** Totals and both breakdowns of one `stats:transitions` answer. */
export function TransitionTables({ transitions }: { readonly transitions: StatsTransitions }) {
  const { t } = useTranslation();
  return (
    <section aria-label={t('stats.transitions')}>
      <h2>{t('stats.transitions')}</h2>
      <p className="analytics-note">{t('stats.churn', { opened: transitions.opened, closed: transitions.closed })}</p>
      <TotalsTable total={transitions.total} />
      {transitions.total.length > 0 && (
        <div className="breakdowns">
          <GroupTable label={t('stats.byProcess')} groups={transitions.byProcess} />
          <GroupTable label={t('stats.byRemote')} groups={transitions.byRemote} />
        </div>
      )}
    </section>
  );
}
