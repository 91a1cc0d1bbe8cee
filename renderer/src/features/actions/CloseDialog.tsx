// Confirmation before closing one TCP connection (its process keeps running), and the outcome in place.
import { useTranslation } from 'react-i18next';
import { formatEndpoint } from '../../../../shared/logic/endpoint';
import { formatProto } from '../../../../shared/logic/format';
import type { Socket } from '../../../../shared/model/socket';
import { useStore } from '../../store/index';
import { ConfirmButtons } from '../../ui/ConfirmButtons';
import { Modal } from '../../ui/Modal';
import { OutcomeNote } from './OutcomeNote';
import { Fact } from './ProcessFacts';

/** The close dialog of one connection row. */
export function CloseDialog({ socket: s }: { readonly socket: Socket }) {
  const { t } = useTranslation();
  const outcome = useStore((st) => st.outcome);
  const close = useStore((st) => st.closeDialog);
  const closeConnection = useStore((st) => st.closeConnection);
  const canClose = outcome.kind === 'idle' || outcome.kind === 'busy';
  const endpoints = t('actionUi.close.endpoints', {
    local: formatEndpoint(s.localAddress, s.localPort),
    remote: formatEndpoint(s.remoteAddress, s.remotePort),
  });
  return (
    <Modal title={t('actionUi.close.title')} onClose={close}>
      <dl className="facts">
        <Fact term={t('actionUi.close.connection')} mono>
          {`${formatProto(s)} ${endpoints} ${s.state}`}
        </Fact>
        <Fact term={t('actionUi.close.owner')}>
          {s.pid === null ? t('actionUi.details.notVisible') : `${s.process ?? '?'} (${s.pid})`}
        </Fact>
      </dl>
      <p className="muted">{t('actionUi.close.explain')}</p>
      <OutcomeNote goneText={t('actionUi.close.gone')} />
      <ConfirmButtons
        canConfirm={canClose}
        busy={outcome.kind === 'busy'}
        confirmText={t('actionUi.close.confirm')}
        busyText={t('actionUi.close.busy')}
        onConfirm={() => void closeConnection()}
        cancelText={t('actionUi.kill.cancel')}
        closeText={t('actionUi.kill.close')}
        onClose={close}
      />
    </Modal>
  );
}
