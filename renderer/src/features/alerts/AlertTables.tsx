// Active alerts and the alert log (newest first), each alert with its severity, time and translated message.
import { useTranslation } from 'react-i18next';
import type { Alert } from '../../../../shared/model/alerts';
import { alertMessage, clearedMessage, hasClearDetail } from './alert-text';
import { SeverityBadge } from '../../ui/SeverityIcon';

/** `log`: entries are records of a raise or a clear, so an uncleared one says "raised", not "active". */
function AlertTable(props: { readonly label: string; readonly alerts: readonly Alert[]; readonly log: boolean }) {
  const { label, alerts, log } = props;
  const { t, i18n } = useTranslation();
  const time = (ms: number) => new Date(ms).toLocaleTimeString(i18n.language);
  return (
    <table className="data-table alert-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">{t('alertUi.time')}</th>
          <th scope="col">{t('alertUi.severity')}</th>
          <th scope="col">{t('alertUi.message')}</th>
          <th scope="col">{t('alertUi.state')}</th>
        </tr>
      </thead>
      <tbody>
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
      </tbody>
    </table>
  );
}

/** Alerts active now. */
export function ActiveAlerts({ alerts }: { readonly alerts: readonly Alert[] }) {
  const { t } = useTranslation();
  return (
    <section className="alerts-panel">
      <h2>{t('alertUi.activeTitle')}</h2>
      {alerts.length === 0 ? (
        <p className="analytics-note">{t('alertUi.noActive')}</p>
      ) : (
        <AlertTable label={t('alertUi.activeTitle')} alerts={alerts} log={false} />
      )}
    </section>
  );
}

/** The log, newest first. */
export function AlertLog({ entries }: { readonly entries: readonly Alert[] }) {
  const { t } = useTranslation();
  return (
    <section className="alerts-panel">
      <h2>{t('alertUi.logTitle')}</h2>
      {entries.length === 0 ? (
        <p className="analytics-note">{t('alertUi.noLog')}</p>
      ) : (
        <AlertTable label={t('alertUi.logTitle')} alerts={[...entries].reverse()} log />
      )}
    </section>
  );
}
