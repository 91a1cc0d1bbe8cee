// Alert thresholds: one labelled input per threshold, validated as typed, saved through settings.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_THRESHOLDS, type AlertThresholds } from '../../../../shared/model/alerts';
import { useStore } from '../../store/index';
import {
  THRESHOLD_FIELDS,
  draftOf,
  fieldError,
  parseDraft,
  type ThresholdDraft,
  type ThresholdField,
} from './threshold-form';

function ThresholdInput(props: {
  readonly field: ThresholdField;
  readonly value: string;
  readonly onChange: (v: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const label = t(`alertUi.thresholds.${props.field}`);
  const error = fieldError(props.field, props.value);
  return (
    <div className="form-row">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="text-input num"
        inputMode="decimal"
        value={props.value}
        aria-invalid={error !== null}
        aria-describedby={error ? `${id}-err` : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {error && (
        <span id={`${id}-err`} className="field-error">
          {t(error.key, { ...error.params, field: label })}
        </span>
      )}
    </div>
  );
}

/** The form, seeded from the stored thresholds (re-seeded when they change elsewhere, via `key`). */
export function ThresholdsForm({ stored }: { readonly stored: AlertThresholds }) {
  const { t } = useTranslation();
  const id = useId();
  const save = useStore((s) => s.saveThresholds);
  const [draft, setDraft] = useState<ThresholdDraft>(() => draftOf(stored));
  const parsed = parseDraft(draft);
  const changed = parsed !== null && JSON.stringify(parsed) !== JSON.stringify(stored);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (parsed) void save(parsed);
  };
  return (
    <section className="alerts-panel" aria-labelledby={id}>
      <h2 id={id}>{t('alertUi.thresholdsTitle')}</h2>
      <form onSubmit={submit} noValidate aria-labelledby={id}>
        {THRESHOLD_FIELDS.map((f) => (
          <ThresholdInput key={f} field={f} value={draft[f]} onChange={(v) => setDraft({ ...draft, [f]: v })} />
        ))}
        <div className="form-actions">
          <button type="submit" className="button" disabled={!changed}>
            {t('alertUi.save')}
          </button>
          <button type="button" className="button" onClick={() => setDraft(draftOf(DEFAULT_THRESHOLDS))}>
            {t('alertUi.defaults')}
          </button>
        </div>
      </form>
    </section>
  );
}
