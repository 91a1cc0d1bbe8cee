// What an OS without a feature answers: adapters it cannot create, kernel facts it cannot read.
import { keyedError } from '../../../shared/logic/input-error';
import { IANA_DEFAULT_RANGE } from '../../../shared/logic/diagnosis/kernel-explainer';
import type { AdapterBackend, KernelFacts } from './platform';

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

/** No readable kernel settings: the IANA ephemeral range (49152-65535), which is what such OSes default to. */
export async function unreadableKernelFacts(): Promise<KernelFacts> {
  return { readable: false, settings: [], ephemeral: IANA_DEFAULT_RANGE, maxTimeWaitBuckets: null };
}
