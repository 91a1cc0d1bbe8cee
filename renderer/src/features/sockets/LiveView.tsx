// The grid and the status bar, which share one filtered, sorted row list per tick.
import { SocketTable } from './SocketTable';
import { useVisibleRows } from './use-visible-rows';
import { StatusBar } from '../status/index';

/** Computes the visible rows once per tick and hands them to the grid and the status bar. */
export function LiveView() {
  // Closed rows linger in the grid but are no longer sockets: the count leaves them out.
  const { rows, live } = useVisibleRows();
  return (
    <>
      <main className="main">
        <SocketTable rows={rows} />
      </main>
      <StatusBar shown={live} />
    </>
  );
}
