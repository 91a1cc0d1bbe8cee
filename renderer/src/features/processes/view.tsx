// The Processes view: who talks to whom, how fast. One row per process with its traffic, expandable to its
// connections, the hidden-owners row, and the top destinations; refreshed once per refresh while on screen.
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index';
import { errorText } from '../../ui/error-text';
import type { ViewDefinition } from '../../ui/view-definition';
import { DestinationsTable } from './DestinationsTable';
import { ProcessesTable } from './ProcessesTable';
import { useTrafficPolling } from './use-traffic-polling';
import '../../ui/view.css';
import './processes.css';

function ProcessesBody() {
  const { t } = useTranslation();
  const list = useStore((s) => s.processTraffic);
  const error = useStore((s) => s.processTrafficError);
  if (error && !list) return <p role="alert">{t('processesUi.error', { message: errorText(t, error) })}</p>;
  if (!list) return <p className="analytics-note">{t('processesUi.loading')}</p>;
  return (
    <>
      <ProcessesTable list={list} />
      <DestinationsTable destinations={list.destinations} />
    </>
  );
}

function ProcessesView() {
  const { t } = useTranslation();
  const intervalMs = useStore((s) => s.processTraffic?.intervalMs ?? null);
  const closedSource = useStore((s) => s.processTraffic?.closedSource ?? null);
  useTrafficPolling();
  return (
    <>
      <div className="toolbar view-toolbar processes-notes">
        {intervalMs !== null && intervalMs > 0 && (
          <p className="analytics-note">{t('processesUi.interval', { ms: Math.round(intervalMs) })}</p>
        )}
        <p className="analytics-note">{t('processesUi.loopback')}</p>
        {closedSource !== null && (
          <p className="analytics-note">
            {t(closedSource === 'kernel' ? 'processesUi.closedKernel' : 'processesUi.closedObserved')}
          </p>
        )}
      </div>
      <div className="analytics-view">
        <ProcessesBody />
      </div>
    </>
  );
}

/** The Processes tab, right after Sockets. */
export const view: ViewDefinition = {
  id: 'processes',
  order: 5,
  labelKey: 'processesUi.tab',
  Component: ProcessesView,
};
