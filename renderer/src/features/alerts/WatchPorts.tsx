// Watched ports: add one (validated as typed, core's refusal shown in place) and remove any.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../../../shared/model/errors';
import { useStore } from '../../store/index';
import { errorText } from '../../ui/error-text';
import { portError } from './threshold-form';

const NO_PORTS: readonly number[] = [];

/** The watched-ports panel. */
export function WatchPorts() {
  const { t } = useTranslation();
  const id = useId();
  const ports = useStore((s) => s.watches?.ports ?? NO_PORTS);
  const addWatch = useStore((s) => s.addWatch);
  const removeWatch = useStore((s) => s.removeWatch);
  const [text, setText] = useState('');
  const [refusal, setRefusal] = useState<AppErrorData | null>(null);
  const error = text.trim() === '' ? null : portError(text, ports);
  const field = t('alertUi.portField');
  const shown = error ? t(error.key, { ...error.params, field }) : refusal ? errorText(t, refusal) : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (text.trim() === '' || error) return;
    const failed = await addWatch(Number(text.trim()));
    setRefusal(failed);
    if (!failed) setText('');
  };

  return (
    <section className="alerts-panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('alertUi.watchesTitle')}</h2>
      <p className="analytics-note">{t('alertUi.watchHelp')}</p>
      <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate>
        <label htmlFor={id}>{t('alertUi.portLabel')}</label>
        <input
          id={id}
          className="text-input"
          inputMode="numeric"
          value={text}
          aria-invalid={shown !== null}
          aria-describedby={shown ? `${id}-err` : undefined}
          onChange={(e) => {
            setText(e.target.value);
            setRefusal(null);
          }}
        />
        <button type="submit" className="button" disabled={text.trim() === '' || error !== null}>
          {t('alertUi.add')}
        </button>
      </form>
      {shown && (
        <p id={`${id}-err`} className="field-error">
          {shown}
        </p>
      )}
      {ports.length === 0 ? (
        <p className="analytics-note">{t('alertUi.noWatches')}</p>
      ) : (
        <ul className="watch-list" aria-label={t('alertUi.watchesTitle')}>
          {ports.map((p) => (
            <li key={p}>
              <span className="mono">{p}</span>
              <button
                type="button"
                className="remove"
                aria-label={t('alertUi.remove', { port: p })}
                title={t('alertUi.remove', { port: p })}
                onClick={() => void removeWatch(p)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
