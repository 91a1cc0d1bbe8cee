// One row of the Connections log; memoized, so a poll re-renders only rows that are new on screen. Unknown values
// are a dash whose title says why, so nothing unknown passes for a zero.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  closedDurationText,
  closedStateText,
  unknownBytesReason,
} from '../../../../shared/logic/connections/closed-text';
import { formatEndpoint } from '../../../../shared/logic/endpoint';
import { formatAddress, formatBytes, formatCount, formatProto, formatRtt } from '../../../../shared/logic/format';
import type { ClosedConnection } from '../../../../shared/model/connections';
import { GridCell, GridRow } from '../../ui/GridRow';

interface Props {
  readonly entry: ClosedConnection;
  readonly index: number;
  /** Offset from the top of the body (px). */
  readonly start: number;
  readonly focused: boolean;
  /** Local time of day with milliseconds, in the UI language. */
  readonly clock: (ms: number) => string;
}

/** DOM id of the row at `index`, for aria-activedescendant. */
export const closedRowId = (index: number) => `closed-row-${index}`;

/** A value, or a dash with the reason it is unknown (title and accessible name). */
function Known(props: {
  readonly text: string | null;
  readonly why: string;
  readonly num?: boolean;
  readonly title?: string;
}) {
  if (props.text !== null)
    return (
      <GridCell num={props.num} title={props.title}>
        {props.text}
      </GridCell>
    );
  return (
    <div
      role="gridcell"
      className={props.num ? 'cell num muted' : 'cell muted'}
      title={props.why}
      aria-label={props.why}
    >
      —
    </div>
  );
}

/** Why RTT or retransmits are unknown (they come from the same final counters as the bytes). */
function metricWhy(c: ClosedConnection): string {
  if (c.proto === 'udp') return 'connections.why.udp';
  if (c.failedConnect) return 'connections.why.neverConnected';
  return c.closedAtSource === 'observed' ? 'connections.why.notPolled' : 'connections.why.noTcpInfo';
}

function BytesCell({ entry: c, side }: { readonly entry: ClosedConnection; readonly side: 'sent' | 'received' }) {
  const { t, i18n } = useTranslation();
  const n = side === 'sent' ? c.bytesSent : c.bytesReceived;
  const why = unknownBytesReason(c, side);
  return (
    <Known
      num
      text={n === null ? null : formatBytes(n)}
      title={n === null ? undefined : `${formatCount(n, i18n.language)} B`}
      why={why === null ? '' : t(why)}
    />
  );
}

function OwnerCell({ entry: c }: { readonly entry: ClosedConnection }) {
  const { t } = useTranslation();
  const text = c.pid === null ? null : c.process === null ? String(c.pid) : `${c.process} (${c.pid})`;
  return <Known text={text} why={t('connections.why.noOwner')} />;
}

function FailedCell({ failed }: { readonly failed: boolean }) {
  const { t } = useTranslation();
  if (!failed) return <GridCell />;
  return (
    <div role="gridcell" className="cell failed-connect" title={t('connections.failedHelp')}>
      <span className="failed-mark" aria-hidden="true">
        ✕
      </span>{' '}
      {t('connections.failed')}
    </div>
  );
}

export const ClosedRow = memo(function ClosedRow({ entry: c, index, start, focused, clock }: Props) {
  const { t } = useTranslation();
  const duration = closedDurationText(c);
  const classes = ['grid-row', 'closed-row', focused ? 'focused' : '', c.failedConnect ? 'failed' : ''].join(' ');
  return (
    <GridRow id={closedRowId(index)} index={index} start={start} focused={focused} className={classes}>
      <GridCell
        title={`${new Date(c.closedAt).toLocaleString()} · ${t(`connections.closedAtSource.${c.closedAtSource}`)}`}
      >
        {clock(c.closedAt)}
      </GridCell>
      <GridCell>{formatProto(c)}</GridCell>
      <GridCell>{formatEndpoint(formatAddress(c.localAddress), c.localPort)}</GridCell>
      <GridCell>{formatEndpoint(formatAddress(c.remoteAddress), c.remotePort)}</GridCell>
      <div role="gridcell" className="cell" title={t(`connections.finalStateSource.${c.finalStateSource}`)}>
        <span className={`state state-${c.finalState.toLowerCase()}`}>{closedStateText(c)}</span>
      </div>
      <Known
        num
        text={duration}
        title={t(`connections.durationSource.${c.openedAtSource}`)}
        why={t('connections.why.neverSeenOpen')}
      />
      <BytesCell entry={c} side="sent" />
      <BytesCell entry={c} side="received" />
      <Known num text={c.rttMs === null ? null : formatRtt(c.rttMs)} why={t(metricWhy(c))} />
      <Known num text={c.retransmits === null ? null : String(c.retransmits)} why={t(metricWhy(c))} />
      <OwnerCell entry={c} />
      <FailedCell failed={c.failedConnect} />
    </GridRow>
  );
});
