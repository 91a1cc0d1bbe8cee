// One connection's details: endpoints and host name, state, every owner (parent first), byte rates now and the
// kernel's totals (since the connection opened, which may be before netinspect saw it), RTT and retransmissions.
import { useTranslation } from 'react-i18next';
import { formatEndpoint } from '../../../../shared/logic/endpoint';
import { formatBytes, formatProto, formatRtt } from '../../../../shared/logic/format';
import { rateGap, rateShown } from '../../../../shared/logic/traffic/rate-gap';
import type { Socket } from '../../../../shared/model/socket';
import { useStore } from '../../store/index';
import { shownTable, shownTakenAt } from '../../store/timeline-slice';
import { useHostName } from '../../store/use-host-name';
import { Modal } from '../../ui/Modal';
import { Fact } from './ProcessFacts';

function Owners({ socket: s }: { readonly socket: Socket }) {
  const { t } = useTranslation();
  if (s.owners.length === 0) return <>{t('traffic.details.noOwner')}</>;
  return (
    <ol className="owner-list" aria-label={t('traffic.details.ownersHelp')}>
      {s.owners.map((o, i) => (
        <li key={o.pid}>
          {`${o.process ?? '?'} (${o.pid})${o.user ? ` · ${o.user}` : ''}`}
          {i === 0 && s.owners.length > 1 && <span className="muted">{` — ${t('traffic.details.parent')}`}</span>}
        </li>
      ))}
    </ol>
  );
}

function Rate({ socket: s, which }: { readonly socket: Socket; readonly which: 'sent' | 'received' }) {
  const { t } = useTranslation();
  const platform = useStore((st) => st.appInfo?.platform ?? null);
  const value = rateShown(s, which, useStore(shownTakenAt));
  if (value !== null) return <>{t('traffic.rate', { rate: formatBytes(Math.round(value)) })}</>;
  return <span className="muted">{`— ${t(`traffic.gap.${rateGap(s, platform) ?? 'firstSight'}`)}`}</span>;
}

/** The dialog of `socket`, following its row while it stays in the table (rates and totals move live). */
export function SocketDetailsDialog({ socket }: { readonly socket: Socket }) {
  const { t, i18n } = useTranslation();
  const close = useStore((st) => st.closeDialog);
  // A row of the past stays as recorded: never swapped for the live socket that now has its key.
  const s = useStore(
    (st) => shownTable(st).get(socket.key) ?? (st.past ? undefined : st.ghosts.get(socket.key)) ?? socket,
  );
  const name = useHostName(s.remoteAddress);
  const m = s.metrics;
  const endpoints = t('actionUi.close.endpoints', {
    local: formatEndpoint(s.localAddress, s.localPort),
    remote: formatEndpoint(s.remoteAddress, s.remotePort),
  });
  const seen = new Date(s.firstSeen).toLocaleString(i18n.language);
  return (
    <Modal title={t('traffic.details.title')} onClose={close} className="wide">
      <dl className="facts">
        <Fact term={t('traffic.details.connection')} mono>
          {`${formatProto(s)} ${endpoints}`}
        </Fact>
        {name !== null && <Fact term={t('traffic.details.remoteName')}>{name}</Fact>}
        <Fact term={t('traffic.details.state')}>
          <span className={`state state-${s.state.toLowerCase()}`}>{s.state}</span>
        </Fact>
        <Fact term={t('traffic.details.owners')}>
          <Owners socket={s} />
        </Fact>
        <Fact term={t('traffic.details.sentRate')}>
          <Rate socket={s} which="sent" />
        </Fact>
        <Fact term={t('traffic.details.receivedRate')}>
          <Rate socket={s} which="received" />
        </Fact>
        <Fact term={t('traffic.details.sentTotal')}>
          {m?.bytesSent == null ? t('traffic.details.noTotals') : formatBytes(m.bytesSent)}
        </Fact>
        <Fact term={t('traffic.details.receivedTotal')}>
          {m?.bytesReceived == null ? t('traffic.details.noTotals') : formatBytes(m.bytesReceived)}
        </Fact>
        {m?.rttMs != null && <Fact term={t('traffic.details.rtt')}>{`${formatRtt(m.rttMs)} ms`}</Fact>}
        {m?.retransmits != null && <Fact term={t('traffic.details.retransmits')}>{m.retransmits}</Fact>}
      </dl>
      {m !== null && <p className="muted">{t('traffic.details.totalsNote', { seen })}</p>}
      <div className="modal-buttons">
        <button type="button" className="button" data-initial-focus onClick={close}>
          {t('traffic.details.close')}
        </button>
      </div>
    </Modal>
  );
}
