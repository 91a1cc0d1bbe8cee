// Builds INVALID_INPUT errors from a dictionary key, so every front door can show them in the user's language.
import { translate } from '../i18n/translate';
import { AppError } from '../model/errors';

/** An AppError with code `code` whose English message and i18n key come from `key` in the dictionaries. */
export function keyedError(
  key: string,
  params: Readonly<Record<string, string | number>> = {},
  code: AppError['code'] = 'INVALID_INPUT',
): AppError {
  return new AppError(code, translate('en', key, params), params, key);
}
