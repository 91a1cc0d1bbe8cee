// The grid and the status bar, which share one filtered, sorted row list per tick.
import { SocketTable } from './features/sockets/SocketTable';
import { useVisibleRows } from './features/sockets/use-visible-rows';
import { StatusBar } from './features/status/StatusBar';

/** Computes the visible rows once and hands them to the grid and the status bar. */
export function LiveView() {
  const rows = useVisibleRows();
  return (
    <>
      <main className="main">
        <SocketTable rows={rows} />
      </main>
      <StatusBar shown={rows.length} />
    </>
  );
}
