// The actions feature's public surface: the row menu other views attach to rows, the menu it is built on and its
// "filter to" entries (for other views' own menus), and the dialogs it opens.
export { ActionDialogs } from './ActionDialogs';
export { RowMenu } from './RowMenu';
export { Menu, type MenuEntry, type MenuPlacement } from './Menu';
export { filterEntries } from './filter-entries';
