// Request errors and short status notices shown as toasts; translated when rendered so a language switch applies.
import type { Slice, ToastSlice } from './types';

/** How long a toast stays unless dismissed (ms). */
const TOAST_MS = 8000;
/** Most toasts on screen at once; older ones give way. */
const MAX_TOASTS = 4;

export const createToastSlice: Slice<ToastSlice> = (set, get) => {
  let nextId = 1;
  const push = (toast: ToastSlice['toasts'][number]) => {
    set({ toasts: [...get().toasts, toast].slice(-MAX_TOASTS) });
    setTimeout(() => get().dismissToast(toast.id), TOAST_MS);
  };
  return {
    toasts: [],

    pushError(error) {
      push({ id: nextId++, kind: 'error', error });
    },

    pushNotice(message) {
      push({ id: nextId++, kind: 'info', message });
    },

    pushAlert(phase, alert) {
      push({ id: nextId++, kind: 'alert', phase, alert });
    },

    dismissToast(id) {
      set({ toasts: get().toasts.filter((t) => t.id !== id) });
    },
  };
};
