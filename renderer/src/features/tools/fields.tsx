// Small labelled inputs, the submit button and the translated error line the tool panels share.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../../../shared/model/errors';
import { errorText } from '../../ui/error-text';

/** A labelled port field (1..65535, checked by the browser before core checks it again). */
export function PortInput({ value, onChange }: { readonly value: string; readonly onChange: (v: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <>
      <label htmlFor={id}>{t('tools.port')}</label>
      <input
        id={id}
        type="number"
        min={1}
        max={65535}
        required
        className="port-input"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </>
  );
}

/** A labelled text or number field. */
export function Field(props: {
  readonly label: string;
  readonly value: string;
  readonly onChange: (v: string) => void;
  readonly type?: 'text' | 'number';
  readonly min?: number;
  readonly max?: number;
  readonly help?: string;
}) {
  const id = useId();
  return (
    <>
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type={props.type ?? 'text'}
        min={props.min}
        max={props.max}
        required
        title={props.help}
        spellCheck={false}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </>
  );
}

/** The form's submit button: disabled, and saying so, while its request runs. */
export function SubmitButton(props: { readonly busy: boolean; readonly text: string; readonly busyText: string }) {
  return (
    <button type="submit" className="button" disabled={props.busy}>
      {props.busy ? props.busyText : props.text}
    </button>
  );
}

/** A failed request, translated. */
export function ErrorLine({ error }: { readonly error: AppErrorData }) {
  const { t } = useTranslation();
  return (
    <p role="alert" className="tool-error">
      {errorText(t, error)}
    </p>
  );
}
