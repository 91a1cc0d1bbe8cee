// Everything known about one process: identity, command line, parent, start, and each socket it holds with how long
// it has been in its state and where that age comes from.
import { useTranslation } from 'react-i18next';
import { formatEndpoint } from '../../../../shared/logic/endpoint';
import { formatAge, formatProto } from '../../../../shared/logic/format';
import type { ProcessDetails } from '../../../../shared/model/actions';
import type { Socket } from '../../../../shared/model/socket';
import { useStore } from '../../store/index';
import { DataTable } from '../../ui/DataTable';
import { errorText } from '../../ui/error-text';
import { Modal } from '../../ui/Modal';
import { Fact, StartedFact } from './ProcessFacts';

/** How long a socket has been in its state, and where that age comes from, in words. */
function AgeWithSource({ socket: s, now }: { readonly socket: Socket; readonly now: number }) {
  const { t } = useTranslation();
  const kind = s.stateSinceSource === 'kernel' && !s.stateSinceExact ? 'kernelBound' : s.stateSinceSource;
  if (s.stateSince === null) return null;
  return (
    <>
      {formatAge(s.stateSince, s.stateSinceExact, now)} <span className="muted">({t(`tracing.age.${kind}`)})</span>
    </>
  );
}

function SocketList({ details: d }: { readonly details: ProcessDetails }) {
  const { t } = useTranslation();
  const now = useStore((st) => st.now);
  if (d.sockets.length === 0) return <p className="muted">{t('actionUi.kill.noSockets')}</p>;
  return (
    <div className="detail-table-wrap">
      <DataTable
        className="detail-table"
        label={t('actionUi.details.sockets')}
        columns={['columns.proto', 'columns.localAddress', 'columns.remoteAddress', 'columns.state', 'columns.age']}
      >
        {d.sockets.map((s) => (
          <tr key={s.key}>
            <td>{formatProto(s)}</td>
            <td>{formatEndpoint(s.localAddress, s.localPort)}</td>
            <td>{formatEndpoint(s.remoteAddress, s.remotePort)}</td>
            <td>
              <span className={`state state-${s.state.toLowerCase()}`}>{s.state}</span>
            </td>
            <td>
              <AgeWithSource socket={s} now={now} />
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}

function DetailsBody({ details: d }: { readonly details: ProcessDetails }) {
  const { t } = useTranslation();
  const none = t('actionUi.details.notVisible');
  return (
    <>
      <dl className="facts">
        <Fact term={t('actionUi.kill.exe')} mono>
          {d.exe ?? none}
        </Fact>
        <Fact term={t('actionUi.details.cmdline')} mono>
          {d.cmdline ?? none}
        </Fact>
        <Fact term={t('actionUi.kill.user')}>{d.user ?? (d.uid === null ? none : String(d.uid))}</Fact>
        <StartedFact startTime={d.startTime} />
        <Fact term={t('actionUi.details.parent')}>
          {d.ppid === null ? none : t('actionUi.details.parentValue', { name: d.parentName ?? '?', pid: d.ppid })}
        </Fact>
      </dl>
      {d.kernelThread && <p className="muted">{t('actionUi.details.kernelThread')}</p>}
      {d.own && <p className="muted">{t('actionUi.details.own')}</p>}
      <h3 className="modal-subtitle">{t('actionUi.details.sockets')}</h3>
      <SocketList details={d} />
    </>
  );
}

/** The details dialog of `pid`, with Kill when core would allow it. */
export function DetailsDialog({ pid, name }: { readonly pid: number; readonly name: string | null }) {
  const { t } = useTranslation();
  const details = useStore((s) => s.details);
  const close = useStore((s) => s.closeDialog);
  const openKill = useStore((s) => s.openKill);
  const ready = details?.state === 'ready' ? details.value : null;
  const shownName = ready?.name ?? name ?? '?';
  return (
    <Modal title={t('actionUi.details.title', { name: shownName, pid })} onClose={close} className="wide">
      {details?.state === 'loading' && <p className="muted">{t('actionUi.kill.loading')}</p>}
      {details?.state === 'failed' && (
        <p role={details.error.code === 'ESRCH' ? 'status' : 'alert'} className="note-box info-box">
          {details.error.code === 'ESRCH'
            ? t('actionUi.kill.exited', { name: shownName, pid })
            : errorText(t, details.error)}
        </p>
      )}
      {ready && <DetailsBody details={ready} />}
      <div className="modal-buttons">
        {ready && ready.refusal === null && (
          <button type="button" className="button danger" onClick={() => openKill(pid, ready.name)}>
            {t('actionUi.details.kill')}
          </button>
        )}
        <button type="button" className="button" data-initial-focus onClick={close}>
          {t('actionUi.kill.close')}
        </button>
      </div>
    </Modal>
  );
}
