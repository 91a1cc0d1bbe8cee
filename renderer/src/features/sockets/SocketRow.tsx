// One row of the socket grid; memoized so a tick re-renders only rows whose socket or mark changed.
import { memo } from 'react';
import type { TFunction } from 'i18next';
import { formatAddress, formatPort, formatProto, formatRtt, formatTraffic } from '../../../../shared/logic/format';
import { RateCell, RemoteAddressCell } from './traffic-cells';
import { socketService } from '../../../../shared/logic/services';
import type { Socket } from '../../../../shared/model/socket';
import { useStore } from '../../store/index';
import type { ChangeKind } from '../../store/types';
import { GridCell, GridRow } from '../../ui/GridRow';
import { AgeCell, PidCell, ProcessCell, StateCell } from './cells';
import { COLUMN_FIT as FIT } from './columns';

interface Props {
  readonly socket: Socket;
  readonly index: number;
  /** Offset from the top of the body (px). */
  readonly start: number;
  readonly focused: boolean;
  readonly change: ChangeKind | undefined;
  /** The table's translator: one for all rows, not a hook in every cell (60 rows x 6 cells while scrolling). */
  readonly t: TFunction;
}

/** DOM id of the row at `index`, for aria-activedescendant. */
export const rowId = (index: number) => `socket-row-${index}`;

export const SocketRow = memo(function SocketRow({ socket: s, index, start, focused, change, t }: Props) {
  const services = useStore((st) => st.services);
  const m = s.metrics;
  const classes = ['grid-row', focused ? 'focused' : '', change ? `change-${change}` : ''].join(' ');
  return (
    <GridRow
      id={rowId(index)}
      index={index}
      start={start}
      focused={focused}
      className={classes}
      identity={s.key}
      marked={change !== undefined}
      aria-description={change ? t(`change.${change}`) : undefined}
      data-change={change}
    >
      <GridCell fit={FIT.proto}>{formatProto(s)}</GridCell>
      <GridCell fit={FIT.localAddress}>{formatAddress(s.localAddress)}</GridCell>
      <GridCell num fit={FIT.localPort}>
        {formatPort(s.localPort)}
      </GridCell>
      <RemoteAddressCell socket={s} t={t} />
      <GridCell num fit={FIT.remotePort}>
        {formatPort(s.remotePort)}
      </GridCell>
      <StateCell state={s.state} />
      <PidCell socket={s} t={t} />
      <ProcessCell socket={s} />
      <GridCell fit={FIT.user}>{s.user ?? (s.uid === null ? '' : String(s.uid))}</GridCell>
      <GridCell fit={FIT.service}>{socketService(services, s) ?? ''}</GridCell>
      <AgeCell since={s.stateSince} source={s.stateSinceSource} exact={s.stateSinceExact} t={t} />
      <GridCell num fit={FIT.rtt}>
        {formatRtt(m?.rttMs ?? null)}
      </GridCell>
      <RateCell socket={s} which="sent" t={t} />
      <RateCell socket={s} which="received" t={t} />
      <GridCell num fit={FIT.bytes}>
        {m ? formatTraffic(m.bytesSent, m.bytesReceived) : ''}
      </GridCell>
    </GridRow>
  );
});
