// The expanded part of a process row: the sockets it holds now, from the live table (its own and shared ones).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatEndpoint } from '../../../../shared/logic/endpoint';
import { formatBytes, formatProto } from '../../../../shared/logic/format';
import { rateShown } from '../../../../shared/logic/traffic/rate-gap';
import type { Socket } from '../../../../shared/model/socket';
import { useStore } from '../../store/index';
import { shownTable, shownTakenAt } from '../../store/timeline-slice';
import { useHostName } from '../../store/use-host-name';
import { DataTable, numeric } from '../../ui/DataTable';
import { socketsOf } from './process-rows';

/** Most sockets listed under one process; the rest are counted. */
const MAX_LISTED = 200;

const rate = (v: number | null): string => (v === null ? '—' : `${formatBytes(Math.round(v))}/s`);

function Remote({ socket: s }: { readonly socket: Socket }) {
  const { t } = useTranslation();
  const name = useHostName(s.remoteAddress);
  const endpoint = formatEndpoint(s.remoteAddress, s.remotePort);
  if (name === null) return <td className="mono">{endpoint}</td>;
  return (
    <td className="mono" title={t('hostNames.title', { name, address: endpoint })}>
      {`${name}:${s.remotePort}`}
    </td>
  );
}

/** The sockets of `pid`, listeners first; `label` names the table for screen readers. */
export function ConnectionList({ pid, label }: { readonly pid: number; readonly label: string }) {
  const { t } = useTranslation();
  const version = useStore((s) => s.version);
  // While viewing the past: the sockets recorded then, with their rates as of that tick.
  const table = useStore(shownTable);
  const lastTakenAt = useStore(shownTakenAt);
  // `version` stands for in-place changes of the table, which keeps its identity.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const sockets = useMemo(() => socketsOf(pid, table.values()), [pid, table, version]);
  if (sockets.length === 0) return <p className="muted">{t('processesUi.noConnections')}</p>;
  return (
    <>
      <DataTable
        className="data-table connection-list"
        label={label}
        columns={[
          'columns.proto',
          'processesUi.connectionColumns.local',
          'processesUi.connectionColumns.remote',
          'processesUi.connectionColumns.state',
          numeric('processesUi.columns.sentRate'),
          numeric('processesUi.columns.receivedRate'),
        ]}
      >
        {sockets.slice(0, MAX_LISTED).map((s) => (
          <tr key={s.key}>
            <td>{formatProto(s)}</td>
            <td className="mono">{formatEndpoint(s.localAddress, s.localPort)}</td>
            <Remote socket={s} />
            <td>
              <span className={`state state-${s.state.toLowerCase()}`}>{s.state}</span>
            </td>
            <td className="num">{rate(rateShown(s, 'sent', lastTakenAt))}</td>
            <td className="num">{rate(rateShown(s, 'received', lastTakenAt))}</td>
          </tr>
        ))}
      </DataTable>
      {sockets.length > MAX_LISTED && <p className="muted">{t('top.more', { n: sockets.length - MAX_LISTED })}</p>}
    </>
  );
}
