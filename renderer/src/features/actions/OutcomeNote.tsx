// What happened to a confirmed kill or close, inside its dialog: gone (information), refused, or needs elevation.
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../../../shared/model/errors';
import { useStore } from '../../store/index';
import { errorText } from '../../ui/error-text';
import { ShieldIcon } from '../../ui/ShieldIcon';

/** "Retry as administrator" after NEEDS_ELEVATION, or why elevation cannot be asked for here. */
function ElevationOffer({ error }: { readonly error: AppErrorData }) {
  const { t } = useTranslation();
  const canElevate = useStore((s) => s.privilege?.canElevate ?? false);
  const reason = useStore((s) => s.privilege?.cannotElevateReason ?? null);
  const retry = useStore((s) => s.retryElevated);
  return (
    <div role="alert" className="note-box warn-box">
      <p>{errorText(t, error)}</p>
      {canElevate ? (
        <button type="button" className="button" onClick={() => void retry()}>
          <ShieldIcon />
          {t('actionUi.elevation.retry')}
        </button>
      ) : (
        <p className="muted">
          {reason
            ? t(reason, { defaultValue: t('actionUi.elevation.unavailable') })
            : t('actionUi.elevation.unavailable')}
        </p>
      )}
    </div>
  );
}

/** The dialog's note for the current outcome; `goneText` is the "already exited / closed" information. */
export function OutcomeNote({ goneText }: { readonly goneText: string }) {
  const { t } = useTranslation();
  const outcome = useStore((s) => s.outcome);
  switch (outcome.kind) {
    case 'gone':
      return (
        <p role="status" className="note-box info-box">
          ℹ {goneText}
        </p>
      );
    case 'needsElevation':
      return <ElevationOffer error={outcome.error} />;
    case 'failed':
      return (
        <p role="alert" className="note-box error-box">
          {errorText(t, outcome.error)}
        </p>
      );
    default:
      return null;
  }
}
