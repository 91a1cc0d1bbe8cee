// The UI dictionaries by language tag, and how a setting or an OS locale picks one.
import { en, type Dictionary } from './en';
import { zhCN } from './zh-CN';

/** Languages with a dictionary. */
export const UI_LANGUAGES = ['en', 'zh-CN'] as const;
/** A language with a dictionary. */
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** Dictionaries by language tag. */
export const dictionaries: Readonly<Record<UiLanguage, Dictionary>> = { en, 'zh-CN': zhCN };

/** The dictionary language for a setting: 'system' follows `locale` (BCP 47); any Chinese picks zh-CN. */
export function resolveLanguage(setting: string, locale: string): UiLanguage {
  if (setting === 'en' || setting === 'zh-CN') return setting;
  return locale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
