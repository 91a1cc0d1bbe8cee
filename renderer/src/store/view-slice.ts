// What the user is looking at: the active view, filter text, protocol/family toggles and sort order.
import { DEFAULT_TOGGLES } from '../../../shared/logic/filter';
import type { Slice, ViewSlice } from './types';

export const createViewSlice: Slice<ViewSlice> = (set, get) => ({
  activeView: 'sockets',
  filterText: '',

  setActiveView(activeView) {
    set({ activeView });
  },
  toggles: DEFAULT_TOGGLES,
  sort: { column: 'localPort', direction: 'ascending' },

  setFilterText(filterText) {
    set({ filterText });
  },

  setToggle(name, value) {
    set({ toggles: { ...get().toggles, [name]: value } });
  },

  toggleSort(column) {
    const { sort } = get();
    const direction = sort.column === column && sort.direction === 'ascending' ? 'descending' : 'ascending';
    set({ sort: { column, direction } });
  },
});
