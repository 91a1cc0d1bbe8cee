// Confirmation before removing an adapter; anything but TAP/TUN shows why it cannot be removed instead.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Adapter } from '../../../../shared/model/adapters';
import { useStore } from '../../store/index';
import { ConfirmButtons } from '../../ui/ConfirmButtons';
import { Modal } from '../../ui/Modal';
import { AdapterOutcomeNote } from './AdapterOutcomeNote';

/** The remove dialog of `adapter`; closes itself once the adapter is gone. */
export function RemoveDialog({ adapter, onClose }: { readonly adapter: Adapter; readonly onClose: () => void }) {
  const { t } = useTranslation();
  const outcome = useStore((s) => s.adapterOutcome);
  const remove = useStore((s) => s.removeAdapter);
  const kind = t(`adapters.kind.${adapter.kind}`);
  const busy = outcome.kind === 'busy';
  useEffect(() => {
    if (outcome.kind === 'removed' && outcome.name === adapter.name) onClose();
  }, [outcome, adapter.name, onClose]);
  return (
    <Modal title={t('adapters.removeTitle', { name: adapter.name })} onClose={onClose}>
      {adapter.removable ? (
        <p>{t('adapters.removeExplain', { name: adapter.name, kind })}</p>
      ) : (
        <p role="status" className="note-box info-box">
          {t('adapters.removeRefused', { name: adapter.name, kind })}
        </p>
      )}
      <AdapterOutcomeNote />
      <ConfirmButtons
        canConfirm={adapter.removable}
        busy={busy}
        confirmText={t('adapters.removeConfirm')}
        busyText={t('adapters.removeBusy')}
        onConfirm={() => void remove(adapter.name)}
        cancelText={t('adapters.cancel')}
        closeText={t('adapters.close')}
        onClose={onClose}
      />
    </Modal>
  );
}
