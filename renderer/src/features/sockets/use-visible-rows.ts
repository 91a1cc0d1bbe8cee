// The grid's rows, recomputed only when the table, filter, toggles, sort or service names change; a delta updates
// them from the rows it touched (the store's journal says which), not by filtering and sorting everything again.
import { useDeferredValue, useMemo, useRef } from 'react';
import type { Socket } from '../../../../shared/model/socket';
import { useStore } from '../../store/index';
import { useHostNameLookup } from '../../store/use-host-name';
import { shownTable } from '../../store/timeline-slice';
import { RowSelection } from './visible-rows';

const NO_GHOSTS: ReadonlyMap<string, Socket> = new Map();

/**
 * Filtered and sorted rows, and how many of them are live sockets (not closed ones lingering); typing in the filter
 * box stays responsive because the filter is deferred.
 */
export function useVisibleRows(): { readonly rows: Socket[]; readonly live: number } {
  const version = useStore((s) => s.version);
  const journal = useStore((s) => s.journal);
  // While viewing the past, the table recorded then, and no closed rows lingering from the live one.
  const table = useStore(shownTable);
  const ghosts = useStore((s) => (s.past ? NO_GHOSTS : s.ghosts));
  const services = useStore((s) => s.services);
  const toggles = useStore((s) => s.toggles);
  const sort = useStore((s) => s.sort);
  const filterText = useDeferredValue(useStore((s) => s.filterText));
  const lookup = useHostNameLookup();
  // Names matter to free text and to sorting by remote address only: a batch of resolved names re-sorts nothing else.
  const names = sort.column === 'remoteAddress' || filterText.trim() !== '' ? lookup : undefined;
  // The selection and the version its rows are of: each answer is built from the one before.
  const selection = useRef<{ rows: RowSelection; version: number } | null>(null);
  return useMemo(
    () => {
      const last = (selection.current ??= { rows: new RowSelection(), version: -1 });
      const touched = last.version < 0 ? null : journal.touchedBetween(last.version, version);
      const rows = last.rows.select({ table, ghosts, filterText, toggles, sort, services, names }, touched);
      last.version = version;
      return { rows, live: last.rows.live };
    },
    // `version` stands for in-place changes of `table` and `ghosts`, which keep their identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [version, table, ghosts, filterText, toggles, sort, services, names],
  );
}
