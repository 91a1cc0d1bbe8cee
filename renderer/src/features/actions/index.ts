// The actions feature's public surface: the row menu other views attach to rows, and the dialogs it opens.
export { ActionDialogs } from './ActionDialogs';
export { RowMenu } from './RowMenu';
