// Cells of the socket grid that need more than a formatted value: owner, age, state.
import type { TFunction } from 'i18next';
import { formatAge } from '../../../../shared/logic/format';
import { ownerLabel } from '../../../../shared/logic/socket-owners';
import type { Socket } from '../../../../shared/model/socket';
import { useStore } from '../../store/index';
import { cellClass } from '../../ui/GridRow';
import { COLUMN_FIT } from './columns';

/** PID, or an explained dash when the owner is not visible. */
export function PidCell({ socket: s, t }: { readonly socket: Socket; readonly t: TFunction }) {
  if (s.pid !== null) {
    return (
      <div role="gridcell" className={cellClass(String(s.pid), COLUMN_FIT.pid, 'num')}>
        {s.pid}
      </div>
    );
  }
  // TIME_WAIT and half-open sockets belong to no process any more; anything else is another user's.
  const why = s.state === 'TIME_WAIT' || s.state === 'SYN_RECEIVED' ? t('pid.kernel') : t('pid.hidden');
  return (
    <div role="gridcell" className="cell fits num muted" title={why} aria-label={why}>
      —
    </div>
  );
}

/**
 * Process name, with its command line as a tooltip; a socket several processes share (a master and its workers)
 * shows their number, `nginx (3)`, and lists them, parent first, in the tooltip.
 */
export function ProcessCell({ socket: s }: { readonly socket: Socket }) {
  const info = useStore((st) => (s.pid === null ? undefined : st.processes.get(s.pid)));
  const name = s.owners.length > 1 ? ownerLabel(s) : (s.process ?? info?.name ?? '');
  const owners = s.owners.length > 1 ? s.owners.map((o) => `${o.process ?? '?'} (${o.pid})`).join(', ') : null;
  return (
    <div
      role="gridcell"
      className={cellClass(name, COLUMN_FIT.process, 'process')}
      title={owners ?? info?.cmdline ?? info?.exe ?? undefined}
    >
      {name}
    </div>
  );
}

/** Time in the current state, ticking with the store's clock. */
export function AgeCell({
  since,
  source,
  exact,
  t,
}: {
  readonly since: number | null;
  readonly source: 'kernel' | 'trace' | 'observed';
  readonly exact: boolean;
  readonly t: TFunction;
}) {
  // A recorded table's ages are as of its tick, not of now.
  const now = useStore((s) => s.past?.tickAt ?? s.now);
  const text = formatAge(since, exact, now);
  return (
    <div
      role="gridcell"
      className={cellClass(text, COLUMN_FIT.age, 'num')}
      title={t(`grid.ageSource.${source === 'kernel' && !exact ? 'kernelBound' : source}`)}
    >
      {text}
    </div>
  );
}

/** State as a coloured chip; the text carries the meaning, colour only helps. */
export function StateCell({ state }: { readonly state: string }) {
  return (
    <div role="gridcell" className={cellClass(state, COLUMN_FIT.state)}>
      <span className={`state state-${state.toLowerCase()}`}>{state}</span>
    </div>
  );
}
