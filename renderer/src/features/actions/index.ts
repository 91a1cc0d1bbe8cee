// The actions feature's public surface: the row menu other views attach to rows, the menu it is built on, and the
// dialogs it opens.
export { ActionDialogs } from './ActionDialogs';
export { RowMenu } from './RowMenu';
export { Menu, type MenuEntry } from './Menu';
