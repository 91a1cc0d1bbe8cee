// Window layout: toolbar (views, privileges, settings), the active view, dialogs and toasts.
import { useTranslation } from 'react-i18next';
import { ActionDialogs } from './features/actions/index';
import { PrivilegeBadge } from './features/privilege/index';
import { ExportButton, ExportDialog } from './features/report/index';
import { SettingsBar } from './features/settings/index';
import { Toasts } from './features/toasts/index';
import { TimelineBar } from './features/timeline/index';
import { useStore } from './store/index';
import { useAppearance } from './use-appearance';
import { useEffect } from 'react';
import { loadViews, useViews } from './views/view-registry';
import { VIEW_PANEL_ID, ViewTabs } from './views/ViewTabs';

/** The whole window. */
export function App() {
  useAppearance();
  const { t } = useTranslation();
  const active = useStore((s) => s.activeView);
  const VIEWS = useViews();
  useEffect(() => void loadViews(), []);
  const view = VIEWS.find((v) => v.id === active) ?? VIEWS[0];
  return (
    <div className="app">
      <header className="toolbar">
        <span className="brand" aria-hidden="true">
          netinspect
        </span>
        <ViewTabs />
        <ExportButton />
        <PrivilegeBadge />
        <SettingsBar />
      </header>
      <TimelineBar />
      <div
        id={VIEW_PANEL_ID}
        className="view-panel"
        role={VIEWS.length > 1 ? 'tabpanel' : undefined}
        aria-labelledby={VIEWS.length > 1 ? `view-tab-${view.id}` : undefined}
        aria-label={VIEWS.length > 1 ? undefined : t(view.labelKey)}
      >
        <view.Component />
      </div>
      <ActionDialogs />
      <ExportDialog />
      <Toasts />
    </div>
  );
}
