// The toasts feature's public surface: the toast stack.
export { Toasts } from './Toasts';
