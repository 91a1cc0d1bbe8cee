// Inside the wizard and the remove dialog: a failure explained, with "Retry as administrator" when it needs rights.
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index';
import { ShieldIcon } from '../../ui/ShieldIcon';
import { errorText } from '../../ui/error-text';

/** The note for a failed create or remove; nothing otherwise. */
export function AdapterOutcomeNote() {
  const { t } = useTranslation();
  const outcome = useStore((s) => s.adapterOutcome);
  const canElevate = useStore((s) => s.privilege?.canElevate ?? false);
  const reason = useStore((s) => s.privilege?.cannotElevateReason ?? null);
  const retry = useStore((s) => s.retryAdapterElevated);
  if (outcome.kind === 'failed') {
    return (
      <p role="alert" className="note-box error-box">
        {errorText(t, outcome.error)}
      </p>
    );
  }
  if (outcome.kind !== 'needsElevation') return null;
  return (
    <div role="alert" className="note-box warn-box">
      <p>{errorText(t, outcome.error)}</p>
      {canElevate ? (
        <button type="button" className="button" onClick={() => void retry()}>
          <ShieldIcon />
          {t('adapters.retry')}
        </button>
      ) : (
        <p className="muted">{t(reason ?? 'actionUi.elevation.unavailable')}</p>
      )}
    </div>
  );
}
