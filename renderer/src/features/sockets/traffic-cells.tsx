// Cells of the socket grid that come from traffic and names: a byte rate (or an explained dash) and the remote
// address shown by its host name while names are resolved.
import type { TFunction } from 'i18next';
import { formatAddress, formatBytes } from '../../../../shared/logic/format';
import { rateGap, rateShown } from '../../../../shared/logic/traffic/rate-gap';
import type { Socket } from '../../../../shared/model/socket';
import { useStore } from '../../store/index';
import { shownTakenAt } from '../../store/timeline-slice';
import { useHostName } from '../../store/use-host-name';
import { cellClass } from '../../ui/GridRow';
import { COLUMN_FIT } from './columns';

/** A byte rate as `1.2 MiB/s`, or `—` with why there is none (UDP, the OS, first sight ...) as its title. */
export function RateCell({
  socket: s,
  which,
  t,
}: {
  readonly socket: Socket;
  readonly which: 'sent' | 'received';
  readonly t: TFunction;
}) {
  const platform = useStore((st) => st.appInfo?.platform ?? null);
  const lastTakenAt = useStore(shownTakenAt);
  const value = rateShown(s, which, lastTakenAt);
  if (value !== null) {
    const text = t('traffic.rate', { rate: formatBytes(Math.round(value)) });
    return (
      <div
        role="gridcell"
        className={cellClass(text, COLUMN_FIT[which === 'sent' ? 'sentRate' : 'receivedRate'], 'num')}
      >
        {text}
      </div>
    );
  }
  const why = t(`traffic.gap.${rateGap(s, platform) ?? 'firstSight'}`);
  return (
    <div role="gridcell" className="cell fits num muted" title={why} aria-label={why}>
      —
    </div>
  );
}

/** The remote address, or its host name with the address in the title, while "Resolve addresses" is on. */
export function RemoteAddressCell({ socket: s, t }: { readonly socket: Socket; readonly t: TFunction }) {
  const name = useHostName(s.remoteAddress);
  if (name === null) {
    const text = formatAddress(s.remoteAddress);
    return (
      <div role="gridcell" className={cellClass(text, COLUMN_FIT.remoteAddress)}>
        {text}
      </div>
    );
  }
  return (
    // A name is set in the UI font, whose widest characters no monospace bound covers: it always clips.
    <div role="gridcell" className="cell host-name" title={t('hostNames.title', { name, address: s.remoteAddress })}>
      {name}
    </div>
  );
}
