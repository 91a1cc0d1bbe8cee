// The row menus' "filter to" group, the same in the socket table and the Connections log: the row's process, its
// local port, its remote host.
import type { TFunction } from 'i18next';
import { filterFor, type FilterableRow } from '../../../../shared/logic/filter-for';
import type { MenuEntry } from './Menu';

/** Why an entry cannot apply to the row (translated), null when it can. */
interface Reasons {
  readonly noPid: string | null;
  readonly noRemote: string | null;
}

/** The group's entries, the first drawing the separator; `setFilter` sets the filter of the table the row is in. */
export function filterEntries(
  t: TFunction,
  row: FilterableRow,
  { noPid, noRemote }: Reasons,
  setFilter: (text: string) => void,
): MenuEntry[] {
  return [
    {
      id: 'filter-process',
      groupStart: true,
      label: t('actionUi.menu.filterProcess'),
      disabledReason: noPid,
      onSelect: () => setFilter(filterFor(row, 'process')),
    },
    { id: 'filter-port', label: t('actionUi.menu.filterPort'), onSelect: () => setFilter(filterFor(row, 'port')) },
    {
      id: 'filter-remote',
      label: t('actionUi.menu.filterRemote'),
      disabledReason: noRemote,
      onSelect: () => setFilter(filterFor(row, 'remoteHost')),
    },
  ];
}
