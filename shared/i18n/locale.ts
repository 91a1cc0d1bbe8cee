// Which dictionary a POSIX locale picks: apart from the dictionaries, so a command's fast path loads no text.
import type { UiLanguage } from './index';

/** The dictionary language for a POSIX locale environment (LC_ALL, LC_MESSAGES, LANG), e.g. zh_CN.UTF-8. */
export function languageFromEnv(env: Readonly<Record<string, string | undefined>>): UiLanguage {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
