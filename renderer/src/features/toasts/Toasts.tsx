// Request errors as dismissible alerts, translated from their stable code.
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index';
import type { Toast } from '../../store/types';

function ToastItem({ toast }: { readonly toast: Toast }) {
  const { t } = useTranslation();
  const dismiss = useStore((s) => s.dismissToast);
  const { code, message, params, key } = toast.error;
  return (
    <div role="alert" className="toast">
      <p>
        {key
          ? t(key, { ...params, defaultValue: message })
          : t(`errors.${code}`, { ...params, message, defaultValue: message })}
      </p>
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
