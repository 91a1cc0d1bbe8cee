// Window layout: toolbar (filter, toggles, settings), the live socket grid, status bar, toasts.
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
        <SettingsBar />
      </header>
      <LiveView />
      <Toasts />
    </div>
  );
}
