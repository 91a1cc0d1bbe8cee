// The Connections log tab: every closed connection, newest first, live; filter, closed-per-second chart, source.
import { useDeferredValue, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../../../shared/logic/format';
import { useStore } from '../../store/index';
import { errorText } from '../../ui/error-text';
import { formatClock } from '../timeline/index';
import type { ViewDefinition } from '../../ui/view-definition';
import { ClosedFilterBar } from './ClosedFilterBar';
import { ClosedGrid } from './ClosedGrid';
import { ClosedRateChart } from './ClosedRateChart';
import { selectClosedRows } from './closed-rows';
import { SourceLine } from './SourceLine';
import { useClosedPolling } from './use-closed-polling';
import './connections.css';

function ConnectionsView() {
  const { t, i18n } = useTranslation();
  useClosedPolling();
  const entries = useStore((s) => s.closed);
  const facts = useStore((s) => s.closedFacts);
  const error = useStore((s) => s.closedError);
  const past = useStore((s) => s.closedPast);
  // Typing in the filter box stays responsive over 10,000 rows: the filter is deferred.
  const filter = useDeferredValue(useStore((s) => s.closedFilter));
  const rows = useMemo(() => selectClosedRows(entries, filter), [entries, filter]);
  const n = (v: number) => formatCount(v, i18n.language);
  return (
    <>
      <div className="toolbar view-toolbar">
        <ClosedFilterBar />
      </div>
      <div className="closed-top">
        {past ? (
          <p className="note" aria-label={t('connections.source.label')}>
            {t(past.truncated ? 'connections.pastTruncated' : 'connections.past', {
              since: formatClock(past.since),
              until: formatClock(past.until),
              n: n(entries.length),
            })}
          </p>
        ) : (
          facts && <SourceLine facts={facts} />
        )}
        {error && (
          <p role="alert" className="note warn">
            {t('connections.error', { message: errorText(t, error) })}
          </p>
        )}
        {facts && <ClosedRateChart perSecond={facts.perSecond} />}
      </div>
      <main className="main">
        <ClosedGrid
          rows={rows}
          ready={facts !== null}
          emptyText={entries.length === 0 ? t('connections.none') : t('connections.noMatch')}
        />
      </main>
      <footer className="status-bar closed-footer" aria-live="off">
        <span className="stat">{t('connections.shown', { shown: n(rows.length), kept: n(entries.length) })}</span>
      </footer>
    </>
  );
}

/** The tab beside Sockets. */
export const view: ViewDefinition = {
  id: 'connections',
  order: 3,
  labelKey: 'connections.tab',
  Component: ConnectionsView,
};
