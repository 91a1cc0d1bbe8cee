// The create wizard's step bodies: labelled fields with help and a translated problem shown as the user types.
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Adapter, AdapterType } from '../../../../shared/model/adapters';
import { addressTexts } from '../../../../shared/logic/adapter-rates';
import type { FormProblems, WizardForm } from './wizard-form';

type Change = (patch: Partial<WizardForm>) => void;

/** The form's text fields. */
type TextKey = 'name' | 'owner' | 'group' | 'ipv4' | 'ipv6' | 'mtu';

interface FieldProps {
  /** The step's form, its change and its problems, which the field reads and writes at `name`. */
  readonly step: StepProps;
  readonly name: TextKey;
  readonly label: string;
  readonly help?: string;
  readonly placeholder?: string;
}

/** A text input of the form with its label, help and problem (aria-invalid + described by the problem). */
function Field({ step, name, label, help, placeholder }: FieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const problem = step.problems[name];
  return (
    <div className="wizard-field">
      <label htmlFor={`${id}-input`}>{label}</label>
      <input
        id={`${id}-input`}
        className="input"
        value={step.form[name]}
        placeholder={placeholder}
        spellCheck={false}
        aria-invalid={problem !== undefined}
        aria-describedby={`${id}-help ${id}-problem`}
        onChange={(e) => step.onChange({ [name]: e.target.value })}
      />
      {help && (
        <p id={`${id}-help`} className="muted">
          {help}
        </p>
      )}
      <p id={`${id}-problem`} className="field-problem" aria-live="polite">
        {problem ? t(problem.key, problem.params) : ''}
      </p>
    </div>
  );
}

/** TAP or TUN, each explained in one line; the ones this OS cannot make are disabled with the reason. */
export function TypeStep({
  form,
  onChange,
  creatable,
}: {
  readonly form: WizardForm;
  readonly onChange: Change;
  readonly creatable: { readonly tap: boolean; readonly tun: boolean; readonly reasonKey: string | null };
}) {
  const { t } = useTranslation();
  const option = (type: AdapterType, help: string) => (
    <label className="wizard-choice">
      <input
        type="radio"
        name="adapter-type"
        value={type}
        checked={form.type === type}
        disabled={!creatable[type]}
        onChange={() => onChange({ type })}
      />
      <span>
        <strong>{type.toUpperCase()}</strong> <span className="muted">{help}</span>
      </span>
    </label>
  );
  return (
    <fieldset className="wizard-fieldset">
      <legend>{t('adapters.wizard.typeLabel')}</legend>
      {option('tap', t('adapters.wizard.tapHelp'))}
      {option('tun', t('adapters.wizard.tunHelp'))}
      {creatable.reasonKey && <p className="note-box info-box">{t(creatable.reasonKey)}</p>}
    </fieldset>
  );
}

export function NameStep(props: StepProps) {
  const { t } = useTranslation();
  return (
    <Field
      step={props}
      name="name"
      label={t('adapters.wizard.nameLabel')}
      help={t('adapters.wizard.nameHelp')}
      placeholder={props.form.type === 'tap' ? 'tap0' : 'tun0'}
    />
  );
}

export function OwnerStep(props: StepProps) {
  const { t } = useTranslation();
  return (
    <>
      <p className="muted">{t('adapters.wizard.ownerHelp')}</p>
      <Field step={props} name="owner" label={t('adapters.wizard.ownerLabel')} />
      <Field step={props} name="group" label={t('adapters.wizard.groupLabel')} />
    </>
  );
}

export function AddressStep(props: StepProps) {
  const { t } = useTranslation();
  return (
    <>
      <p className="muted">{t('adapters.wizard.addressHelp')}</p>
      <Field step={props} name="ipv4" label={t('adapters.wizard.ipv4Label')} placeholder="10.10.0.1/24" />
      <Field step={props} name="ipv6" label={t('adapters.wizard.ipv6Label')} placeholder="fd00:10::1/64" />
    </>
  );
}

export function OptionsStep(props: StepProps) {
  const { t } = useTranslation();
  return (
    <>
      <Field
        step={props}
        name="mtu"
        label={t('adapters.wizard.mtuLabel')}
        help={t('adapters.wizard.mtuHelp')}
        placeholder="1500"
      />
      <label className="wizard-choice">
        <input type="checkbox" checked={props.form.up} onChange={(e) => props.onChange({ up: e.target.checked })} />
        {t('adapters.wizard.upLabel')}
      </label>
    </>
  );
}

function Facts({ rows, label }: { readonly rows: readonly [string, ReactNode][]; readonly label: string }) {
  return (
    <dl className="facts" aria-label={label}>
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ReviewStep({ form }: { readonly form: WizardForm }) {
  const { t } = useTranslation();
  const none = t('adapters.wizard.none');
  const addresses = [form.ipv4, form.ipv6].map((a) => a.trim()).filter(Boolean);
  return (
    <>
      <Facts
        label={t('adapters.wizard.stepReview')}
        rows={[
          [t('adapters.wizard.reviewType'), form.type.toUpperCase()],
          [t('adapters.wizard.reviewName'), form.name],
          [t('adapters.wizard.reviewOwner'), form.owner.trim() || none],
          [t('adapters.wizard.reviewGroup'), form.group.trim() || none],
          [t('adapters.wizard.reviewAddresses'), addresses.join(', ') || none],
          [t('adapters.wizard.reviewMtu'), form.mtu.trim() || t('adapters.wizard.defaultMtu')],
          [t('adapters.wizard.reviewUp'), t(form.up ? 'adapters.wizard.yes' : 'adapters.wizard.no')],
        ]}
      />
      <p className="muted">{t('adapters.wizard.elevationNote')}</p>
    </>
  );
}

/** The new adapter as the interfaces view shows it. */
export function ResultStep({ adapter }: { readonly adapter: Adapter }) {
  const { t } = useTranslation();
  const who = (name: string | null, id: number | null) => name ?? (id === null ? t('adapters.anyone') : String(id));
  return (
    <>
      <p role="status" className="note-box info-box">
        {t('adapters.wizard.created', { name: adapter.name })}
      </p>
      <Facts
        label={t('adapters.wizard.stepResult')}
        rows={[
          [t('adapters.columns.name'), adapter.name],
          [t('adapters.columns.kind'), t(`adapters.kind.${adapter.kind}`)],
          [t('adapters.columns.state'), t(`adapters.state.${adapter.state}`)],
          [t('adapters.columns.mac'), adapter.mac ?? ''],
          [t('adapters.columns.mtu'), String(adapter.mtu ?? '')],
          [t('adapters.columns.addresses'), addressTexts(adapter).join(', ') || t('adapters.noAddress')],
          [t('adapters.wizard.reviewOwner'), adapter.tun ? who(adapter.tun.ownerName, adapter.tun.owner) : ''],
        ]}
      />
    </>
  );
}

interface StepProps {
  readonly form: WizardForm;
  readonly onChange: Change;
  readonly problems: FormProblems;
}
