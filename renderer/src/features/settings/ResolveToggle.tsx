// "Resolve addresses" (TCPView's habit) and "Also private": host names of remote addresses, stored as settings.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index';

/** The two checkboxes; the second only applies while the first is on. */
export function ResolveToggle() {
  const { t } = useTranslation();
  const helpId = useId();
  const privateHelpId = useId();
  const settings = useStore((s) => s.settings);
  const update = useStore((s) => s.updateSettings);
  const on = settings?.resolveAddresses === true;
  return (
    <span className="setting">
      <label className="toggle" title={t('hostNames.resolveHelp')}>
        <input
          type="checkbox"
          checked={on}
          disabled={!settings}
          aria-describedby={helpId}
          onChange={(e) => void update({ resolveAddresses: e.target.checked })}
        />
        {t('hostNames.resolve')}
      </label>
      <span id={helpId} hidden>
        {t('hostNames.resolveHelp')}
      </span>
      <label className="toggle" title={t('hostNames.privateHelp')}>
        <input
          type="checkbox"
          checked={settings?.resolvePrivateAddresses === true}
          disabled={!settings || !on}
          aria-describedby={privateHelpId}
          onChange={(e) => void update({ resolvePrivateAddresses: e.target.checked })}
        />
        {t('hostNames.private')}
      </label>
      <span id={privateHelpId} hidden>
        {t('hostNames.privateHelp')}
      </span>
    </span>
  );
}
