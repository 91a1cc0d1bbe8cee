// The alerts feature's public surface: an alert as a toast.
export { AlertToast } from './AlertToast';
