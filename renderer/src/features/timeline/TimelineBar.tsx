// The timeline under the toolbar: the recorded range with its per-state strip, a slider to drag or step through
// ticks (Alt+←/→ anywhere, arrows on the slider), and a clear "viewing 03:02:17 — back to live" while in the past.
import { useEffect, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index';
import { hasLiveTable } from '../../store/timeline-slice';
import { StateStrip } from './StateStrip';
import { formatClock } from './time-text';
import './timeline.css';

/** Steps by tick on Alt+← / Alt+→, wherever the focus is (the browser's own Alt+← "back" is not wanted here). */
function useStepKeys(enabled: boolean): void {
  const stepTick = useStore((s) => s.stepTick);
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight')) return;
      e.preventDefault();
      void stepTick(e.key === 'ArrowLeft' ? 'previous' : 'next');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, stepTick]);
}

function Mode() {
  const { t } = useTranslation();
  const viewingAt = useStore((s) => s.viewingAt);
  const past = useStore((s) => s.past);
  const recording = useStore((s) => s.recording);
  const backToLive = useStore((s) => s.backToLive);
  const own = hasLiveTable(recording);
  if (viewingAt === null) {
    const where =
      recording?.source === 'follow'
        ? t('timelineUi.bar.following', { file: recording.file ?? '', host: recording.host ?? '?' })
        : recording?.source === 'opened'
          ? t('timelineUi.bar.opened', { file: recording.file ?? '', host: recording.host ?? '?' })
          : null;
    return (
      <span className="timeline-mode">
        <span className="timeline-live">{own ? t('timelineUi.bar.live') : t('timelineUi.bar.newest')}</span>
        {where && <span className="timeline-where">{where}</span>}
      </span>
    );
  }
  return (
    <span className="timeline-mode">
      <span className="timeline-viewing" role="status">
        {t('timelineUi.bar.viewing', { time: formatClock(viewingAt) })}
        {past && past.tickAt !== viewingAt && (
          <span className="timeline-tick"> ({t('timelineUi.bar.tick', { time: formatClock(past.tickAt) })})</span>
        )}
      </span>
      <button type="button" className="timeline-back" onClick={backToLive}>
        {t('timelineUi.bar.backToLive')}
      </button>
    </span>
  );
}

function GapNote() {
  const { t } = useTranslation();
  const gap = useStore((s) => s.past?.gap ?? null);
  if (!gap) return null;
  return (
    <p className="timeline-gap warn" role="note">
      ⚠ {t('timelineUi.bar.gap', { from: formatClock(gap.from), to: formatClock(gap.to), reason: gap.reason })}
    </p>
  );
}

/** The bar; absent when this core has no recording at all. */
export function TimelineBar() {
  const { t } = useTranslation();
  const recording = useStore((s) => s.recording);
  const viewingAt = useStore((s) => s.viewingAt);
  const viewAt = useStore((s) => s.viewAt);
  const stepTick = useStore((s) => s.stepTick);
  const backToLive = useStore((s) => s.backToLive);
  const range = recording?.range ?? null;
  useStepKeys(range !== null);
  if (!recording || recording.source === 'none') return null;
  if (!range) {
    return (
      <section className="timeline-bar" aria-label={t('timelineUi.bar.label')}>
        <span className="timeline-empty">{t('timelineUi.bar.empty')}</span>
      </section>
    );
  }
  const value = viewingAt ?? range.to;
  // On the slider itself, plain arrows step one tick (not one millisecond); End returns to live.
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      if (!e.altKey) void stepTick(e.key === 'ArrowLeft' ? 'previous' : 'next');
    } else if (e.key === 'End') {
      e.preventDefault();
      backToLive();
    }
  };
  return (
    <section
      className={viewingAt === null ? 'timeline-bar' : 'timeline-bar timeline-bar-past'}
      aria-label={t('timelineUi.bar.label')}
    >
      <Mode />
      <button
        type="button"
        className="timeline-step"
        onClick={() => void stepTick('previous')}
        title={t('timelineUi.bar.keys')}
      >
        <span aria-hidden="true">◀</span>
        <span className="visually-hidden">{t('timelineUi.bar.previous')}</span>
      </button>
      <div className="timeline-track">
        <StateStrip range={range} />
        <input
          type="range"
          className="timeline-slider"
          aria-label={t('timelineUi.bar.slider')}
          aria-valuetext={formatClock(value)}
          min={range.from}
          max={range.to}
          step={1}
          value={Math.min(range.to, Math.max(range.from, value))}
          onChange={(e) => void viewAt(Number(e.target.value))}
          onKeyDown={onKeyDown}
        />
      </div>
      <button
        type="button"
        className="timeline-step"
        onClick={() => void stepTick('next')}
        title={t('timelineUi.bar.keys')}
      >
        <span aria-hidden="true">▶</span>
        <span className="visually-hidden">{t('timelineUi.bar.next')}</span>
      </button>
      <span className="timeline-range">
        {t('timelineUi.bar.range', { from: formatClock(range.from), to: formatClock(range.to) })}
      </span>
      <GapNote />
    </section>
  );
}
