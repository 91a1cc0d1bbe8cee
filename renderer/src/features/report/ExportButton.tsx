// The toolbar's "Export report…" button and its Ctrl/Cmd+E shortcut.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index';

/** Opens the export dialog; Ctrl+E (⌘E on macOS) does the same from anywhere in the window. */
export function ExportButton() {
  const { t } = useTranslation();
  const openExport = useStore((s) => s.openExport);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'e') {
        // Browsers bind Ctrl+E to the address bar's search: the app's shortcut wins inside the page.
        e.preventDefault();
        openExport();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openExport]);
  return (
    <button
      type="button"
      className="button export-button"
      aria-keyshortcuts="Control+E Meta+E"
      title={t('report.ui.shortcut')}
      onClick={openExport}
    >
      {t('report.ui.button')}
    </button>
  );
}
