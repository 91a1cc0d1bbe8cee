// Window layout: toolbar (filter, toggles, settings), the live socket grid, status bar, toasts.
import { SettingsBar } from './features/settings/SettingsBar';
import { SocketTable } from './features/sockets/SocketTable';
import { StatusBar } from './features/status/StatusBar';
import { Toasts } from './features/toasts/Toasts';
import { FilterBar } from './features/toolbar/FilterBar';
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
      <main className="main">
        <SocketTable />
      </main>
      <StatusBar />
      <Toasts />
    </div>
  );
}
