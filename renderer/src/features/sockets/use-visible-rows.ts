// The grid's rows, recomputed only when the table, filter, toggles, sort or service names change.
import { useDeferredValue, useMemo } from 'react';
import type { Socket } from '../../../../shared/model/socket';
import { useStore } from '../../store/index';
import { useHostNameLookup } from '../../store/use-host-name';
import { shownTable } from '../../store/timeline-slice';
import { selectRows } from './visible-rows';

const NO_GHOSTS: ReadonlyMap<string, Socket> = new Map();

/** Filtered and sorted rows; typing in the filter box stays responsive because the filter is deferred. */
export function useVisibleRows(): Socket[] {
  const version = useStore((s) => s.version);
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
  return useMemo(
    () => selectRows(table, ghosts, filterText, toggles, sort, services, names),
    // `version` stands for in-place changes of `table` and `ghosts`, which keep their identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [version, table, ghosts, filterText, toggles, sort, services, names],
  );
}
