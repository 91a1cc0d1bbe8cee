// i18next set up with the shared dictionaries; the language follows settings (see use-appearance.ts).
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { dictionaries, resolveLanguage } from '../../shared/i18n/index';

void i18n.use(initReactI18next).init({
  resources: {
    en: { translation: dictionaries.en },
    'zh-CN': { translation: dictionaries['zh-CN'] },
  },
  // Until settings arrive, follow the browser: in Electron it reports the OS language too.
  lng: resolveLanguage('system', navigator.language),
  fallbackLng: 'en',
  // React escapes what it renders; escaping here too would show entities.
  interpolation: { escapeValue: false },
  initAsync: false,
  showSupportNotice: false,
});

export { i18n };
