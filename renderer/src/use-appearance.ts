// Applies the language and theme settings to i18next and the document root.
import { useEffect } from 'react';
import { resolveLanguage } from '../../shared/i18n/index';
import { i18n } from './i18n';
import { useStore } from './store/index';

/** Keeps i18next's language, `<html lang>` and `data-theme` in step with settings. */
export function useAppearance(): void {
  const language = useStore((s) => s.settings?.language ?? 'system');
  const theme = useStore((s) => s.settings?.theme ?? 'system');
  // In a browser tab the tab's own language is the "system" one; in Electron core reports the OS locale.
  const locale = useStore((s) => (s.appInfo?.host === 'electron' ? s.appInfo.locale : navigator.language));

  useEffect(() => {
    const lng = resolveLanguage(language, locale);
    void i18n.changeLanguage(lng);
    document.documentElement.lang = lng;
  }, [language, locale]);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}
