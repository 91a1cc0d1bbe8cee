// "Resolve addresses" (TCPView's habit) and "Also private": host names of remote addresses, stored as settings.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index';

/** A checkbox whose help shows as its title and is its description for screen readers. */
function HelpedToggle(props: {
  readonly label: string;
  readonly help: string;
  readonly checked: boolean;
  readonly disabled: boolean;
  readonly onChange: (checked: boolean) => void;
}) {
  const helpId = useId();
  return (
    <>
      <label className="toggle" title={props.help}>
        <input
          type="checkbox"
          checked={props.checked}
          disabled={props.disabled}
          aria-describedby={helpId}
          onChange={(e) => props.onChange(e.target.checked)}
        />
        {props.label}
      </label>
      <span id={helpId} hidden>
        {props.help}
      </span>
    </>
  );
}

/** The two checkboxes; the second only applies while the first is on. */
export function ResolveToggle() {
  const { t } = useTranslation();
  const settings = useStore((s) => s.settings);
  const update = useStore((s) => s.updateSettings);
  const on = settings?.resolveAddresses === true;
  return (
    <span className="setting">
      <HelpedToggle
        label={t('hostNames.resolve')}
        help={t('hostNames.resolveHelp')}
        checked={on}
        disabled={!settings}
        onChange={(checked) => void update({ resolveAddresses: checked })}
      />
      <HelpedToggle
        label={t('hostNames.private')}
        help={t('hostNames.privateHelp')}
        checked={settings?.resolvePrivateAddresses === true}
        disabled={!settings || !on}
        onChange={(checked) => void update({ resolvePrivateAddresses: checked })}
      />
    </span>
  );
}
