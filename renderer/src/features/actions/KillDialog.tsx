// Confirmation before ending a process: what it is and holds, Force, and the outcome in place.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sharedListenerOf } from '../../../../shared/logic/socket-owners';
import type { ProcessDetails } from '../../../../shared/model/actions';
import { useStore } from '../../store/index';
import { ConfirmButtons } from '../../ui/ConfirmButtons';
import { errorText } from '../../ui/error-text';
import { Modal } from '../../ui/Modal';
import { OutcomeNote } from './OutcomeNote';
import { ProcessFacts } from './ProcessFacts';

/** Why core would refuse, translated, with the process named. */
function RefusalNote({ details: d }: { readonly details: ProcessDetails }) {
  const { t } = useTranslation();
  const label = t('actionUi.kill.refusedLabel');
  return (
    <section aria-label={label} className="note-box error-box">
      <strong>{label}</strong>
      <p>{t(d.refusal ?? '', { pid: d.pid, name: d.name, defaultValue: t('actionUi.kill.refusedGeneric') })}</p>
    </section>
  );
}

/**
 * For a worker that shares its master's listener (nginx, gunicorn, php-fpm): killing it leaves the port open, so
 * offer the master, the first owner, instead.
 */
function SharedListenerNote({ details: d }: { readonly details: ProcessDetails }) {
  const { t } = useTranslation();
  const openKill = useStore((s) => s.openKill);
  const shared = sharedListenerOf(d.pid, d.sockets);
  if (!shared) return null;
  const { pid, process } = shared.parent;
  const name = process ?? '?';
  const key = shared.ports.length === 1 ? 'traffic.killShared.noteOne' : 'traffic.killShared.noteMany';
  return (
    <div role="note" className="note-box warn-box">
      <p>{t(key, { ports: shared.ports.join(', '), name, pid })}</p>
      <button type="button" className="button" onClick={() => openKill(pid, process)}>
        {t('traffic.killShared.button', { name, pid })}
      </button>
    </div>
  );
}

function ForceOption({ force, onChange }: { readonly force: boolean; readonly onChange: (v: boolean) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const windows = useStore((s) => s.appInfo?.platform === 'win32');
  return (
    <div className="force">
      <label>
        <input type="checkbox" checked={force} aria-describedby={id} onChange={(e) => onChange(e.target.checked)} />
        {t('actionUi.kill.force')}
      </label>
      <p id={id} className="muted">
        {t(windows ? 'actionUi.kill.forceHelpWindows' : 'actionUi.kill.forceHelp')}
      </p>
    </div>
  );
}

/** The kill dialog of `pid`; `name` (from the row) titles it until the details arrive. */
export function KillDialog({ pid, name }: { readonly pid: number; readonly name: string | null }) {
  const { t } = useTranslation();
  const details = useStore((s) => s.details);
  const outcome = useStore((s) => s.outcome);
  const close = useStore((s) => s.closeDialog);
  const kill = useStore((s) => s.kill);
  const [force, setForce] = useState(false);
  const ready = details?.state === 'ready' ? details.value : null;
  const shownName = ready?.name ?? name ?? '?';
  const exited = t('actionUi.kill.exited', { name: shownName, pid });
  const canKill = ready !== null && ready.refusal === null && (outcome.kind === 'idle' || outcome.kind === 'busy');
  return (
    <Modal title={t('actionUi.kill.title', { name: shownName, pid })} onClose={close}>
      {details?.state === 'loading' && <p className="muted">{t('actionUi.kill.loading')}</p>}
      {details?.state === 'failed' &&
        (details.error.code === 'ESRCH' ? (
          <p role="status" className="note-box info-box">
            ℹ {exited}
          </p>
        ) : (
          <p role="alert" className="note-box error-box">
            {errorText(t, details.error)}
          </p>
        ))}
      {ready && <ProcessFacts details={ready} />}
      {ready && <SharedListenerNote details={ready} />}
      {ready?.refusal && <RefusalNote details={ready} />}
      {canKill && <ForceOption force={force} onChange={setForce} />}
      <OutcomeNote goneText={exited} />
      <ConfirmButtons
        canConfirm={canKill}
        busy={outcome.kind === 'busy'}
        confirmText={t('actionUi.kill.confirm')}
        busyText={t('actionUi.kill.busy')}
        onConfirm={() => void kill(force)}
        cancelText={t('actionUi.kill.cancel')}
        closeText={t('actionUi.kill.close')}
        onClose={close}
      />
    </Modal>
  );
}
