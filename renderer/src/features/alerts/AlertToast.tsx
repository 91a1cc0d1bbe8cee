// A toast for a pushed alert: raised ones are announced assertively with their severity, cleared ones quietly.
import { useTranslation } from 'react-i18next';
import type { Toast } from '../../store/types';
import { alertMessage, clearedMessage } from './alert-text';
import { SeverityBadge } from '../../ui/SeverityIcon';

type AlertToastData = Extract<Toast, { kind: 'alert' }>;

/** One alert toast. */
export function AlertToast({ toast, onDismiss }: { readonly toast: AlertToastData; readonly onDismiss: () => void }) {
  const { t } = useTranslation();
  const { alert, phase } = toast;
  const raised = phase === 'raised';
  return (
    <div
      role={raised ? 'alert' : 'status'}
      className={`toast toast-alert toast-${phase} severity-border-${alert.severity}`}
    >
      <p>
        {raised && <SeverityBadge severity={alert.severity} />}{' '}
        {raised ? alertMessage(t, alert) : clearedMessage(t, alert)}
      </p>
      <button type="button" aria-label={t('toast.dismiss')} onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
