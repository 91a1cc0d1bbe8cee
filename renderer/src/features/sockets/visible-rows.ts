// Filter and sort of the whole table into the rows the grid shows: pure, so it is memoized and unit-tested.
import { compileFilter, type FilterToggles, type HostNameLookup } from '../../../../shared/logic/filter';
import type { ServiceTable } from '../../../../shared/logic/services';
import type { Socket } from '../../../../shared/model/socket';
import type { SortOrder } from '../../store/types';
import { sortValue } from './columns';

/**
 * Live and recently closed sockets that pass the filter, sorted; ties break on the stable key in the same direction,
 * so reversing a column reverses the whole list. With `names`, free text matches remote host names too and the remote
 * address column sorts by what it shows.
 */
export function selectRows(
  table: ReadonlyMap<string, Socket>,
  ghosts: ReadonlyMap<string, Socket>,
  filterText: string,
  toggles: FilterToggles,
  sort: SortOrder,
  services: ServiceTable,
  names?: HostNameLookup,
): Socket[] {
  const pass = compileFilter(filterText, toggles, names);
  // Sort keys are computed once per row, not once per comparison: 50,000 rows make ~800,000 comparisons.
  const items: { s: Socket; k: number | string }[] = [];
  const take = (s: Socket) => {
    if (pass(s)) items.push({ s, k: sortValue(sort.column, s, services, names) });
  };
  for (const s of table.values()) take(s);
  for (const [key, s] of ghosts) if (!table.has(key)) take(s);
  const dir = sort.direction === 'ascending' ? 1 : -1;
  items.sort((a, b) => {
    if (a.k < b.k) return -dir;
    if (a.k > b.k) return dir;
    return a.s.key < b.s.key ? -dir : a.s.key > b.s.key ? dir : 0;
  });
  return items.map((i) => i.s);
}
