// The Processes view: who talks to whom, how fast. One row per process with its traffic, expandable to its
// connections, the hidden-owners row, and the top destinations; refreshed once per refresh while on screen.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { pastProcessTraffic } from '../../../../shared/logic/traffic/past-traffic';
import type { ProcessTrafficList } from '../../../../shared/model/processes';
import { useStore } from '../../store/index';
import { errorText } from '../../ui/error-text';
import { formatClock } from '../timeline/index';
import type { ViewDefinition } from '../../ui/view-definition';
import { DestinationsTable } from './DestinationsTable';
import { ProcessesTable } from './ProcessesTable';
import { useTrafficPolling } from './use-traffic-polling';
import '../../ui/view.css';
import './processes.css';

/** The rows of the table recorded at the time viewed (the recorder did not say why an owner was missing). */
function usePastList(): ProcessTrafficList | null {
  const past = useStore((s) => s.past);
  return useMemo(
    () =>
      past &&
      pastProcessTraffic(past.table, past.processes, past.tickAt, (n) =>
        n === 1 ? 'owners.recordedOne' : 'owners.recordedMany',
      ),
    [past],
  );
}

function ProcessesBody({ pastList }: { readonly pastList: ProcessTrafficList | null }) {
  const { t } = useTranslation();
  const liveList = useStore((s) => s.processTraffic);
  const error = useStore((s) => (pastList ? null : s.processTrafficError));
  const list = pastList ?? liveList;
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
  const pastList = usePastList();
  const intervalMs = useStore((s) => s.processTraffic?.intervalMs ?? null);
  const closedSource = useStore((s) => s.processTraffic?.closedSource ?? null);
  useTrafficPolling(pastList === null);
  return (
    <>
      <div className="toolbar view-toolbar processes-notes">
        {pastList !== null && (
          <p className="analytics-note">{t('processesUi.past', { time: formatClock(pastList.takenAt) })}</p>
        )}
        {pastList === null && intervalMs !== null && intervalMs > 0 && (
          <p className="analytics-note">{t('processesUi.interval', { ms: Math.round(intervalMs) })}</p>
        )}
        <p className="analytics-note">{t('processesUi.loopback')}</p>
        {pastList === null && closedSource !== null && (
          <p className="analytics-note">
            {t(closedSource === 'kernel' ? 'processesUi.closedKernel' : 'processesUi.closedObserved')}
          </p>
        )}
      </div>
      <div className="analytics-view">
        <ProcessesBody pastList={pastList} />
      </div>
    </>
  );
}

/** The Processes tab, right after Sockets. */
export const view: ViewDefinition = {
  id: 'processes',
  order: 6,
  labelKey: 'processesUi.tab',
  Component: ProcessesView,
};
