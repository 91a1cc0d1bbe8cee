// Dictionary look-up without i18next, for core and the CLI: dotted keys, `{{name}}` interpolation.
import { dictionaries, type UiLanguage } from './index';

export { languageFromEnv } from './locale';

/** Fills `{{name}}` placeholders from `params`; unknown placeholders stay as written. */
export function interpolate(text: string, params: Readonly<Record<string, string | number>> = {}): string {
  return text.replace(/\{\{(\w+)\}\}/g, (all, name: string) => (name in params ? String(params[name]) : all));
}

/** The text at a dotted key (e.g. `input.portRange`) in a language, or undefined when there is none. */
export function lookup(lang: UiLanguage, key: string): string | undefined {
  let node: unknown = dictionaries[lang];
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Translates a key with params, falling back to English, then to `fallback`. */
export function translate(
  lang: UiLanguage,
  key: string,
  params?: Readonly<Record<string, string | number>>,
  fallback = key,
): string {
  const text = lookup(lang, key) ?? lookup('en', key);
  return text === undefined ? fallback : interpolate(text, params);
}
