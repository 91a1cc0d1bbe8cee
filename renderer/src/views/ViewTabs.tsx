// The tab list that switches between the window's views (arrow keys move between tabs).
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../store/index';
import { useViews } from './view-registry';

/** Id of the panel element that shows the active view. */
export const VIEW_PANEL_ID = 'view-panel';

/** One tab per view. */
export function ViewTabs() {
  const { t } = useTranslation();
  const active = useStore((s) => s.activeView);
  const setActive = useStore((s) => s.setActiveView);
  const VIEWS = useViews();
  if (VIEWS.length < 2) return null;
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const i = VIEWS.findIndex((v) => v.id === active);
    // Alt+arrows step the timeline wherever the focus is: only plain arrows move between tabs.
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    e.preventDefault();
    const next = VIEWS[(i + step + VIEWS.length) % VIEWS.length];
    setActive(next.id);
    document.getElementById(`view-tab-${next.id}`)?.focus();
  };
  return (
    <div role="tablist" aria-label={t('views.label')} className="view-tabs" onKeyDown={onKeyDown}>
      {VIEWS.map((v) => (
        <button
          key={v.id}
          id={`view-tab-${v.id}`}
          type="button"
          role="tab"
          aria-selected={v.id === active}
          aria-controls={VIEW_PANEL_ID}
          tabIndex={v.id === active ? 0 : -1}
          className="view-tab"
          onClick={() => setActive(v.id)}
        >
          {t(v.labelKey)}
        </button>
      ))}
    </div>
  );
}
