// The create-adapter wizard: type, name, owner, addresses, MTU and state, review, create (elevating), result.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index';
import { Modal } from '../../ui/Modal';
import { AdapterOutcomeNote } from './AdapterOutcomeNote';
import { EMPTY_FORM, formProblems, formRequest, stepValid, WIZARD_STEPS, type WizardForm } from './wizard-form';
import { AddressStep, NameStep, OptionsStep, OwnerStep, ResultStep, ReviewStep, TypeStep } from './wizard-steps';

const STEP_LABELS = {
  type: 'adapters.wizard.stepType',
  name: 'adapters.wizard.stepName',
  owner: 'adapters.wizard.stepOwner',
  addresses: 'adapters.wizard.stepAddresses',
  options: 'adapters.wizard.stepOptions',
  review: 'adapters.wizard.stepReview',
  result: 'adapters.wizard.stepResult',
} as const;

/** The wizard dialog; `onClose` ends it (the outcome is reset by the caller). */
export function CreateWizard({ onClose }: { readonly onClose: () => void }) {
  const { t } = useTranslation();
  const list = useStore((s) => s.adapterList);
  const platform = useStore((s) => s.appInfo?.platform ?? 'linux');
  const outcome = useStore((s) => s.adapterOutcome);
  const create = useStore((s) => s.createAdapter);
  const creatable = list?.creatable ?? { tap: true, tun: true, reasonKey: null };
  const [form, setForm] = useState<WizardForm>(() => ({ ...EMPTY_FORM, type: creatable.tap ? 'tap' : 'tun' }));
  const [index, setIndex] = useState(0);
  const taken = useMemo(() => (list?.adapters ?? []).map((a) => a.name), [list]);
  const problems = useMemo(() => formProblems(form, platform, taken), [form, platform, taken]);
  const created = outcome.kind === 'created' ? outcome.adapter : null;
  const step = created ? 'result' : WIZARD_STEPS[index];
  const change = (patch: Partial<WizardForm>) => setForm((f) => ({ ...f, ...patch }));
  const props = { form, onChange: change, problems };
  const busy = outcome.kind === 'busy';
  const nothingCreatable = !creatable.tap && !creatable.tun;

  return (
    <Modal title={t('adapters.wizard.title')} onClose={onClose} className="wide">
      <ol className="wizard-steps" aria-label={t('adapters.wizard.steps')}>
        {WIZARD_STEPS.map((s) => (
          <li key={s} aria-current={s === step ? 'step' : undefined}>
            {t(STEP_LABELS[s])}
          </li>
        ))}
      </ol>
      <div className="wizard-body">
        {step === 'type' && <TypeStep form={form} onChange={change} creatable={creatable} />}
        {step === 'name' && <NameStep {...props} />}
        {step === 'owner' && <OwnerStep {...props} />}
        {step === 'addresses' && <AddressStep {...props} />}
        {step === 'options' && <OptionsStep {...props} />}
        {step === 'review' && <ReviewStep form={form} />}
        {step === 'result' && created && <ResultStep adapter={created} />}
      </div>
      {step === 'review' && <AdapterOutcomeNote />}
      <div className="modal-buttons">
        {step === 'result' ? (
          <button type="button" className="button" data-initial-focus onClick={onClose}>
            {t('adapters.wizard.done')}
          </button>
        ) : (
          <>
            <button type="button" className="button" onClick={onClose}>
              {t('adapters.cancel')}
            </button>
            <button type="button" className="button" disabled={index === 0 || busy} onClick={() => setIndex(index - 1)}>
              {t('adapters.wizard.back')}
            </button>
            {step === 'review' ? (
              <button
                type="button"
                className="button primary"
                disabled={busy || !stepValid('review', problems)}
                onClick={() => void create(formRequest(form))}
              >
                {busy ? t('adapters.wizard.creating') : t('adapters.wizard.create')}
              </button>
            ) : (
              <button
                type="button"
                className="button primary"
                data-initial-focus
                disabled={nothingCreatable || !stepValid(step, problems)}
                onClick={() => setIndex(index + 1)}
              >
                {t('adapters.wizard.next')}
              </button>
            )}
          </>
        )}
      </div>
    </Modal>
  );
}
