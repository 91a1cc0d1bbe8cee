// "Show all owners (administrator)" beside the hidden-owners note, or why elevation is not possible here.
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index';
import { ShieldIcon } from '../../ui/ShieldIcon';

/** The action, while owners are hidden and the collector does not yet run through the helper. */
export function ShowAllOwners() {
  const { t } = useTranslation();
  const privilege = useStore((s) => s.privilege);
  const showAllOwners = useStore((s) => s.showAllOwners);
  if (!privilege || privilege.elevated || privilege.collectorElevated) return null;
  if (!privilege.canElevate) {
    const fallback = t('actionUi.elevation.unavailable');
    return (
      <span className="note muted">
        {privilege.cannotElevateReason ? t(privilege.cannotElevateReason, { defaultValue: fallback }) : fallback}
      </span>
    );
  }
  return (
    <button
      type="button"
      className="button small"
      disabled={privilege.helper === 'starting'}
      onClick={() => void showAllOwners()}
    >
      <ShieldIcon />
      {privilege.helper === 'starting' ? t('actionUi.elevation.starting') : t('actionUi.elevation.showAllOwners')}
    </button>
  );
}
