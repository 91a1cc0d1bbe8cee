// The report feature's public surface: the toolbar button and the export dialog.
export { ExportButton } from './ExportButton';
export { ExportDialog } from './ExportDialog';
