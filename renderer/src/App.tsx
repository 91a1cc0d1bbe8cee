// Window layout: toolbar (filter, toggles, privileges, settings), the live socket grid, status bar, dialogs, toasts.
import { ActionDialogs } from './features/actions/ActionDialogs';
import { PrivilegeBadge } from './features/privilege/PrivilegeBadge';
import { SettingsBar } from './features/settings/SettingsBar';
import { Toasts } from './features/toasts/Toasts';
import { FilterBar } from './features/toolbar/FilterBar';
import { LiveView } from './LiveView';
import { useAppearance } from './use-appearance';

/** The whole window. */
export function App() {
  useAppearance();
  return (
    <div className="app">
      <header className="toolbar">
        <span className="brand" aria-hidden="true">
          netinspect
        </span>
        <FilterBar />
        <PrivilegeBadge />
        <SettingsBar />
      </header>
      <LiveView />
      <ActionDialogs />
      <Toasts />
    </div>
  );
}
