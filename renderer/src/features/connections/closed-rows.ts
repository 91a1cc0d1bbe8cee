// The log's rows: the held entries (newest first) that pass the filter; pure, so it is memoized and unit-tested.
import { compileClosedFilter } from '../../../../shared/logic/connections/closed-filter';
import type { ClosedConnection } from '../../../../shared/model/connections';

/** Entries matching `filterText`, in the order held (newest first). */
export function selectClosedRows(
  entries: readonly ClosedConnection[],
  filterText: string,
): readonly ClosedConnection[] {
  if (filterText.trim() === '') return entries;
  return entries.filter(compileClosedFilter(filterText));
}
