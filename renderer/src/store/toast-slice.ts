// Request errors shown as toasts; translated when rendered so a language switch applies to them too.
import type { Slice, ToastSlice } from './types';

/** How long a toast stays unless dismissed (ms). */
const TOAST_MS = 8000;
/** Most toasts on screen at once; older ones give way. */
const MAX_TOASTS = 4;

export const createToastSlice: Slice<ToastSlice> = (set, get) => {
  let nextId = 1;
  return {
    toasts: [],

    pushError(error) {
      const id = nextId++;
      set({ toasts: [...get().toasts, { id, error }].slice(-MAX_TOASTS) });
      setTimeout(() => get().dismissToast(id), TOAST_MS);
    },

    dismissToast(id) {
      set({ toasts: get().toasts.filter((t) => t.id !== id) });
    },
  };
};
