// The alerts view: watched ports, thresholds, active alerts and the log (toasts for pushed alerts show everywhere).
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index';
import type { ViewDefinition } from '../../ui/view-definition';
import { ActiveAlerts, AlertLog } from './AlertTables';
import { ThresholdsForm } from './ThresholdsForm';
import { WatchPorts } from './WatchPorts';
import '../../ui/view.css';

function AlertsView() {
  const { t } = useTranslation();
  const watches = useStore((s) => s.watches);
  const log = useStore((s) => s.alertLog);
  const loadWatches = useStore((s) => s.loadWatches);
  const loadLog = useStore((s) => s.loadAlertLog);
  useEffect(() => {
    void loadWatches();
    void loadLog();
  }, [loadWatches, loadLog]);
  return (
    <div className="analytics-view alerts-view">
      <div className="alerts-columns">
        <WatchPorts />
        {watches && <ThresholdsForm key={JSON.stringify(watches.thresholds)} stored={watches.thresholds} />}
      </div>
      <ActiveAlerts alerts={watches?.active ?? []} />
      <AlertLog entries={log} />
      <p className="analytics-note">{t('alertUi.desktopNote')}</p>
    </div>
  );
}

/** The alerts tab, after diagnosis. */
export const view: ViewDefinition = { id: 'alerts', order: 25, labelKey: 'alertUi.tab', Component: AlertsView };
