// Active alerts and the alert log (newest first), each alert with its severity, time and translated message.
import { useTranslation } from 'react-i18next';
import type { Alert } from '../../../../shared/model/alerts';
import { alertMessage, clearedMessage } from './alert-text';
import { SeverityBadge } from './SeverityIcon';

function AlertTable({ label, alerts }: { readonly label: string; readonly alerts: readonly Alert[] }) {
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
                ? t('alertUi.active')
                : `${t('alertUi.clearedAt', { time: time(a.clearedAt) })}${a.clearKey ? ` — ${clearedMessage(t, a)}` : ''}`}
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
        <AlertTable label={t('alertUi.activeTitle')} alerts={alerts} />
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
        <AlertTable label={t('alertUi.logTitle')} alerts={[...entries].reverse()} />
      )}
    </section>
  );
}
