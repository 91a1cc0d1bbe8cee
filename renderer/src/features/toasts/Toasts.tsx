// Request errors as dismissible alerts, translated from their stable code; status notices as polite messages.
import { useTranslation } from 'react-i18next';
import { AlertToast } from '../alerts/index';
import { useStore } from '../../store/index';
import type { Toast } from '../../store/types';
import { errorText } from '../../ui/error-text';

function ToastItem({ toast }: { readonly toast: Toast }) {
  const { t } = useTranslation();
  const dismiss = useStore((s) => s.dismissToast);
  if (toast.kind === 'alert') return <AlertToast toast={toast} onDismiss={() => dismiss(toast.id)} />;
  const text = toast.kind === 'error' ? errorText(t, toast.error) : t(toast.message.key, toast.message.params);
  return (
    <div role={toast.kind === 'error' ? 'alert' : 'status'} className={`toast toast-${toast.kind}`}>
      <p>{text}</p>
      <button type="button" aria-label={t('toast.dismiss')} onClick={() => dismiss(toast.id)}>
        ×
      </button>
    </div>
  );
}

/** The toast stack, bottom right. */
export function Toasts() {
  const toasts = useStore((s) => s.toasts);
  return (
    <div className="toasts">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </div>
  );
}
