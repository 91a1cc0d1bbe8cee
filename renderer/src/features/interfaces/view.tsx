// The interfaces view: every network interface, polled while visible, with the create wizard and remove dialog.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Adapter } from '../../../../shared/model/adapters';
import { useStore } from '../../store/index';
import type { ViewDefinition } from '../../ui/view-definition';
import { errorText } from '../../ui/error-text';
import { CreateWizard } from './CreateWizard';
import { InterfacesTable } from './InterfacesTable';
import { RemoveDialog } from './RemoveDialog';
import './interfaces.css';

/** How often counters are read while the view is on screen (ms). */
const POLL_MS = 1000;

type Dialog = { readonly kind: 'create' } | { readonly kind: 'remove'; readonly adapter: Adapter } | null;

function InterfacesView() {
  const { t } = useTranslation();
  const load = useStore((s) => s.loadAdapters);
  const error = useStore((s) => s.adapterListError);
  const ready = useStore((s) => s.adapterList !== null);
  const reset = useStore((s) => s.resetAdapterOutcome);
  const [dialog, setDialog] = useState<Dialog>(null);

  // Mounted only while its tab is active: polling stops when the user looks elsewhere.
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(timer);
  }, [load]);

  const open = useCallback(
    (d: Dialog) => {
      reset();
      setDialog(d);
    },
    [reset],
  );
  const close = useCallback(() => open(null), [open]);

  return (
    <div className="interfaces-view">
      <div className="toolbar view-toolbar">
        <button type="button" className="button" onClick={() => open({ kind: 'create' })}>
          {t('adapters.create')}
        </button>
      </div>
      {error && (
        <p role="alert" className="note-box error-box">
          {errorText(t, error)}
        </p>
      )}
      {!ready && !error && <p className="muted">{t('adapters.loading')}</p>}
      <div className="interfaces-scroll">
        <InterfacesTable onRemove={(adapter) => open({ kind: 'remove', adapter })} />
      </div>
      {dialog?.kind === 'create' && <CreateWizard onClose={close} />}
      {dialog?.kind === 'remove' && <RemoveDialog adapter={dialog.adapter} onClose={close} />}
    </div>
  );
}

/** The interfaces tab, after sockets and the analytics views. */
export const view: ViewDefinition = {
  id: 'interfaces',
  order: 30,
  labelKey: 'adapters.tab',
  Component: InterfacesView,
};
