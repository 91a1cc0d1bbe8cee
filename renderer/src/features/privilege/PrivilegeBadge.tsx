// Toolbar badge that says when netinspect acts with administrator rights (itself elevated, or through its helper).
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index';
import { ShieldIcon } from '../../ui/ShieldIcon';

/** Nothing when unprivileged; otherwise a labelled badge with the consequence as its description. */
export function PrivilegeBadge() {
  const { t } = useTranslation();
  const elevated = useStore((s) => s.privilege?.elevated ?? false);
  const helper = useStore((s) => s.privilege?.helper ?? 'none');
  const [text, help, className] = elevated
    ? [t('actionUi.elevation.elevated'), t('actionUi.elevation.elevatedHelp'), 'badge elevated']
    : helper === 'running'
      ? [t('actionUi.elevation.helper'), t('actionUi.elevation.helperHelp'), 'badge elevated']
      : helper === 'starting'
        ? [t('actionUi.elevation.starting'), null, 'badge pending']
        : [null, null, ''];
  if (text === null) return null;
  return (
    <span role="status" aria-label={t('actionUi.elevation.label')} className={className} title={help ?? undefined}>
      <ShieldIcon />
      {text}
      {help && <span className="visually-hidden">{`: ${help}`}</span>}
    </span>
  );
}
