// The grid and the status bar, which share one filtered, sorted row list per tick.
import { SocketTable } from './SocketTable';
import { useVisibleRows } from './use-visible-rows';
import { StatusBar } from '../status/index';
import { useStore } from '../../store/index';
import { shownTable } from '../../store/timeline-slice';

/** Computes the visible rows once per tick and hands them to the grid and the status bar. */
export function LiveView() {
  const rows = useVisibleRows();
  const table = useStore(shownTable);
  // Closed rows linger in the grid but are no longer sockets: leave them out of the count.
  let live = 0;
  for (const r of rows) if (table.has(r.key)) live++;
  return (
    <>
      <main className="main">
        <SocketTable rows={rows} />
      </main>
      <StatusBar shown={live} />
    </>
  );
}
