// Active alerts and the alert log (newest first), each alert with its severity, time and translated message.
import { useTranslation } from 'react-i18next';
import type { Alert } from '../../../../shared/model/alerts';
import { alertMessage, clearedMessage, hasClearDetail } from './alert-text';
import { DataTable } from '../../ui/DataTable';
import { SeverityBadge } from '../../ui/SeverityIcon';

/** `log`: entries are records of a raise or a clear, so an uncleared one says "raised", not "active". */
function AlertTable(props: { readonly label: string; readonly alerts: readonly Alert[]; readonly log: boolean }) {
  const { label, alerts, log } = props;
  const { t, i18n } = useTranslation();
  const time = (ms: number) => new Date(ms).toLocaleTimeString(i18n.language);
  return (
    <DataTable
      className="data-table alert-table"
      label={label}
      columns={['alertUi.time', 'alertUi.severity', 'alertUi.message', 'alertUi.state']}
    >
      {alerts.map((a, i) => (
        <tr key={`${a.id}-${a.raisedAt}-${a.clearedAt ?? 'active'}-${i}`}>
          <td className="mono">{time(a.raisedAt)}</td>
          <td>
            <SeverityBadge severity={a.severity} />
          </td>
          <td>{alertMessage(t, a)}</td>
          <td>
            {a.clearedAt === null
              ? t(log ? 'alertUi.raised' : 'alertUi.active')
              : `${t('alertUi.clearedAt', { time: time(a.clearedAt) })}${hasClearDetail(a) ? ` — ${clearedMessage(t, a)}` : ''}`}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/** A titled panel: the table of `alerts`, or `emptyText` when there are none. */
function AlertPanel(props: {
  readonly title: string;
  readonly emptyText: string;
  readonly alerts: readonly Alert[];
  readonly log: boolean;
}) {
  return (
    <section className="alerts-panel">
      <h2>{props.title}</h2>
      {props.alerts.length === 0 ? (
        <p className="analytics-note">{props.emptyText}</p>
      ) : (
        <AlertTable label={props.title} alerts={props.alerts} log={props.log} />
      )}
    </section>
  );
}

/** Alerts active now. */
export function ActiveAlerts({ alerts }: { readonly alerts: readonly Alert[] }) {
  const { t } = useTranslation();
  return <AlertPanel title={t('alertUi.activeTitle')} emptyText={t('alertUi.noActive')} alerts={alerts} log={false} />;
}

/** The log, newest first. */
export function AlertLog({ entries }: { readonly entries: readonly Alert[] }) {
  const { t } = useTranslation();
  return (
    <AlertPanel title={t('alertUi.logTitle')} emptyText={t('alertUi.noLog')} alerts={[...entries].reverse()} log />
  );
}
