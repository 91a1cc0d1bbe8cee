// One way to turn a wire error into the user's language: its specific key when it has one, else its code's message.
import type { TFunction } from 'i18next';
import type { AppErrorData } from '../../../shared/model/errors';

/** The translated, actionable text of an error; the English message is the last resort. */
export function errorText(t: TFunction, error: AppErrorData): string {
  const { code, message, params, key } = error;
  return key
    ? t(key, { ...params, defaultValue: message })
    : t(`errors.${code}`, { ...params, message, defaultValue: message });
}
