// What a call throws, for tests of refusals: the AppError's code (or its i18n key), so an assertion names the
// refusal rather than matching a message.
import { AppError } from '../model/errors';

/**
 * The `field` of the AppError `fn` throws; 'not an AppError' when it throws anything else, undefined when it
 * returns.
 */
export function thrownBy(fn: () => unknown, field: 'code' | 'key' = 'code'): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof AppError ? e[field] : 'not an AppError';
  }
  return undefined;
}
