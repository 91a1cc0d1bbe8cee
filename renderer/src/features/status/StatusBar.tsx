// Status bar: per-state totals, refresh cost, source, pause state, collector health and visibility warnings.
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../../../shared/logic/format';
import { hiddenOwnersNote } from '../../../../shared/logic/owner-note';
import { useStore } from '../../store/index';
import { shownTable } from '../../store/timeline-slice';
import { formatClock } from '../timeline/index';
import { ShowAllOwners } from '../privilege/index';
import { TracingNote, TracingStats } from './TracingNote';
import { useStateTotals } from './use-state-totals';

function Counters({ shown }: { readonly shown: number }) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => formatCount(v, i18n.language);
  const totals = useStateTotals();
  const count = useStore((s) => shownTable(s).size);
  const status = useStore((s) => s.status);
  const lastError = status?.errors.at(-1);
  return (
    // Counters change every tick: kept out of the polite live region so screen readers are not flooded.
    <span className="counters" aria-live="off">
      <span className="stat">{t('status.sockets', { n: n(count) })}</span>
      {shown !== count && <span className="stat">{t('status.shown', { n: n(shown) })}</span>}
      {totals.map(([state, total]) => (
        <span key={state} className="stat">
          <span className={`state state-${state.toLowerCase()}`}>{state}</span> <span className="num">{n(total)}</span>
        </span>
      ))}
      {status?.lastDurationMs != null && (
        <span className="stat">{t('status.duration', { ms: status.lastDurationMs.toFixed(1) })}</span>
      )}
      {status?.source && <span className="stat">{t('status.source', { source: status.source })}</span>}
      <TracingStats />
      {status && status.restarts > 0 && (
        <span className="stat warn">{t('status.restarts', { n: status.restarts })}</span>
      )}
      {status && status.errors.length > 0 && (
        <span
          className="stat warn"
          title={lastError ? t('status.lastError', { message: lastError.message }) : undefined}
        >
          {t('status.errors', { n: status.errors.length })}
        </span>
      )}
    </span>
  );
}

function Notes() {
  const { t, i18n } = useTranslation();
  const connection = useStore((s) => s.connection);
  const status = useStore((s) => s.status);
  const collectorElevated = useStore((s) => s.privilege?.collectorElevated ?? false);
  // Read with root's rights (netinspect elevated, or its collector through the helper): more rights would not help.
  const owners =
    status?.ownerVisibility === 'partial'
      ? hiddenOwnersNote(status.elevated || collectorElevated, status.hiddenOwners)
      : null;
  return (
    <>
      {connection === 'connecting' && <span className="note">{t('status.connecting')}</span>}
      {connection === 'closed' && <span className="note warn">⚠ {t('status.disconnected')}</span>}
      {status?.fallbackReason && (
        <span className="note warn">
          ⚠ {t('status.fallback', { source: status.source ?? '?', reason: status.fallbackReason })}
        </span>
      )}
      {status && owners && (
        <span className="owner-note">
          <span className="note warn">⚠ {t(owners.key, { n: formatCount(owners.params.n, i18n.language) })}</span>
          {!status.elevated && <ShowAllOwners />}
        </span>
      )}
      {/* One "Show all owners" button is enough: the owner note above may already offer it. */}
      <TracingNote button={!(status && owners && !status.elevated)} />
    </>
  );
}

/** The bar along the bottom of the window; `shown` is how many rows pass the filter. */
export function StatusBar({ shown }: { readonly shown: number }) {
  const { t } = useTranslation();
  const paused = useStore((s) => s.status?.paused ?? false);
  // The counts below are of the recorded table while the past is viewed: say so instead of "Live".
  const pastAt = useStore((s) => (s.past && !s.past.following ? s.past.tickAt : null));
  return (
    <footer role="status" aria-label={t('status.label')} className="status-bar">
      <div className="status-line">
        {pastAt !== null ? (
          <span className="live-dot paused">{t('timelineUi.bar.viewing', { time: formatClock(pastAt) })}</span>
        ) : (
          <span className={paused ? 'live-dot paused' : 'live-dot'}>
            {paused ? t('status.paused') : t('status.live')}
          </span>
        )}
        <Counters shown={shown} />
      </div>
      <div className="status-notes">
        <Notes />
      </div>
    </footer>
  );
}
