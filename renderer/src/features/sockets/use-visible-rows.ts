// The grid's rows, recomputed only when the table, filter, toggles, sort or service names change; a delta updates
// them from the rows it touched (the store's journal says which), not by filtering and sorting everything again.
import { useDeferredValue, useMemo, useRef } from 'react';
import type { Socket } from '../../../../shared/model/socket';
import { useStore } from '../../store/index';
import { useHostNameLookup } from '../../store/use-host-name';
import { shownTable } from '../../store/timeline-slice';
import { RowSelection } from './visible-rows';

const NO_GHOSTS: ReadonlyMap<string, Socket> = new Map();

interface Selected {
  readonly rows: RowSelection;
  version: number;
  /** The free text its rows are of. */
  text: string;
}

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
  const texted = filterText.trim() !== '';
  const sortNames = sort.column === 'remoteAddress' ? lookup : undefined;
  const names = texted ? lookup : sortNames;
  // The selections and the versions their rows are of: each answer is built from the one before. `all` is every row
  // the toggles let through, sorted; with free text, `some` are those of them that match it. When the text changes,
  // `all` is brought up to date (from the rows touched since) and `some` filtered from it, so typing or clearing the
  // text never sorts the table again; while the text stays, only `some` follows the deltas.
  const all = useRef<Selected | null>(null);
  const some = useRef<Selected | null>(null);
  return useMemo(
    () => {
      const touchedSince = (last: Selected) =>
        last.version < 0 ? null : journal.touchedBetween(last.version, version);
      const inputs = { table, ghosts, filterText: '', toggles, sort, services, names: sortNames };
      const a = (all.current ??= { rows: new RowSelection(), version: -1, text: '' });
      const b = (some.current ??= { rows: new RowSelection(), version: -1, text: '' });
      const newText = b.version < 0 || b.text !== filterText;
      if (!texted || newText) {
        const unfiltered = a.rows.select(inputs, touchedSince(a));
        a.version = version;
        if (!texted) return { rows: unfiltered, live: a.rows.live };
      }
      const rows = b.rows.select({ ...inputs, filterText, names }, touchedSince(b), newText ? a.rows : undefined);
      b.version = version;
      b.text = filterText;
      return { rows, live: b.rows.live };
    },
    // `version` stands for in-place changes of `table` and `ghosts`, which keep their identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [version, table, ghosts, filterText, toggles, sort, services, names, sortNames],
  );
}
