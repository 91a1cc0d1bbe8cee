// The adapter backend of an OS where netinspect cannot create adapters: an empty list with the reason.
import { keyedError } from '../../../shared/logic/input-error';
import type { AdapterBackend } from './platform';

/** Listing "works" (empty, with the reason): more useful to a front end than an error; create/remove fail. */
export function unsupportedAdapters(platform: string, reasonKey: string): AdapterBackend {
  const fail = (): never => {
    throw keyedError(reasonKey, { platform }, 'NOT_SUPPORTED');
  };
  return {
    list: () => ({ takenAt: Date.now(), adapters: [], creatable: { tap: false, tun: false, reasonKey } }),
    create: async () => fail(),
    remove: async () => fail(),
  };
}
