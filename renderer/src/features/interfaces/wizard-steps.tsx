// The create wizard's step bodies: labelled fields with help and a translated problem shown as the user types.
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldProblem } from '../../../../shared/logic/adapter-validate';
import type { Adapter, AdapterType } from '../../../../shared/model/adapters';
import { addressTexts } from '../../../../shared/logic/adapter-rates';
import type { FormProblems, WizardForm } from './wizard-form';

type Change = (patch: Partial<WizardForm>) => void;

interface FieldProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (v: string) => void;
  readonly help?: string;
  readonly problem?: FieldProblem;
  readonly placeholder?: string;
}

/** A text input with its label, help and problem (aria-invalid + described by the problem). */
function Field({ label, value, onChange, help, problem, placeholder }: FieldProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="wizard-field">
      <label htmlFor={`${id}-input`}>{label}</label>
      <input
        id={`${id}-input`}
        className="input"
        value={value}
        placeholder={placeholder}
        spellCheck={false}
        aria-invalid={problem !== undefined}
        aria-describedby={`${id}-help ${id}-problem`}
        onChange={(e) => onChange(e.target.value)}
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

export function NameStep({ form, onChange, problems }: StepProps) {
  const { t } = useTranslation();
  return (
    <Field
      label={t('adapters.wizard.nameLabel')}
      value={form.name}
      onChange={(name) => onChange({ name })}
      help={t('adapters.wizard.nameHelp')}
      problem={problems.name}
      placeholder={form.type === 'tap' ? 'tap0' : 'tun0'}
    />
  );
}

export function OwnerStep({ form, onChange, problems }: StepProps) {
  const { t } = useTranslation();
  return (
    <>
      <p className="muted">{t('adapters.wizard.ownerHelp')}</p>
      <Field
        label={t('adapters.wizard.ownerLabel')}
        value={form.owner}
        onChange={(owner) => onChange({ owner })}
        problem={problems.owner}
      />
      <Field
        label={t('adapters.wizard.groupLabel')}
        value={form.group}
        onChange={(group) => onChange({ group })}
        problem={problems.group}
      />
    </>
  );
}

export function AddressStep({ form, onChange, problems }: StepProps) {
  const { t } = useTranslation();
  return (
    <>
      <p className="muted">{t('adapters.wizard.addressHelp')}</p>
      <Field
        label={t('adapters.wizard.ipv4Label')}
        value={form.ipv4}
        onChange={(ipv4) => onChange({ ipv4 })}
        problem={problems.ipv4}
        placeholder="10.10.0.1/24"
      />
      <Field
        label={t('adapters.wizard.ipv6Label')}
        value={form.ipv6}
        onChange={(ipv6) => onChange({ ipv6 })}
        problem={problems.ipv6}
        placeholder="fd00:10::1/64"
      />
    </>
  );
}

export function OptionsStep({ form, onChange, problems }: StepProps) {
  const { t } = useTranslation();
  return (
    <>
      <Field
        label={t('adapters.wizard.mtuLabel')}
        value={form.mtu}
        onChange={(mtu) => onChange({ mtu })}
        help={t('adapters.wizard.mtuHelp')}
        problem={problems.mtu}
        placeholder="1500"
      />
      <label className="wizard-choice">
        <input type="checkbox" checked={form.up} onChange={(e) => onChange({ up: e.target.checked })} />
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
