// One row of the Processes table (and, expanded, its connections): name and status in words, pid, user,
// listeners, sockets by state, rates with sparklines, bytes since seen, remote hosts, and its menu button.
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes, formatTraffic } from '../../../../shared/logic/format';
import type { ProcessTraffic } from '../../../../shared/model/processes';
import { Sparkline } from '../../ui/Sparkline';
import { ConnectionList } from './ConnectionList';
import { listeningText, statesText } from './process-rows';

/** Columns of the table, the expanded row spans them all. */
export const PROCESS_COLUMNS = [
  'name',
  'pid',
  'user',
  'listening',
  'states',
  'sentRate',
  'receivedRate',
  'bytes',
  'remoteHosts',
  'actions',
] as const;

function RateCell({
  row,
  which,
  name,
}: {
  readonly row: ProcessTraffic;
  readonly which: 'sent' | 'received';
  readonly name: string;
}) {
  const { t } = useTranslation();
  const value = which === 'sent' ? row.sentBytesPerSec : row.receivedBytesPerSec;
  const direction = t(which === 'sent' ? 'processesUi.columns.sentRate' : 'processesUi.columns.receivedRate');
  return (
    <td className="num">
      <span className="rate-cell">
        <Sparkline
          values={row.history.map((p) => p[which])}
          label={t('processesUi.rateLabel', { direction, name, n: row.history.length })}
        />
        {value === null ? (
          <span className="muted" title={t('processesUi.noRate')}>
            —
          </span>
        ) : (
          <span>{t('traffic.rate', { rate: formatBytes(Math.round(value)) })}</span>
        )}
      </span>
    </td>
  );
}

interface Props {
  readonly row: ProcessTraffic;
  readonly expanded: boolean;
  readonly onToggle: (pid: number) => void;
  readonly onMenu: (row: ProcessTraffic, x: number, y: number) => void;
  /** For the row of sockets without a visible owner: its name and why (already translated). */
  readonly hidden: { readonly name: string; readonly reason: string } | null;
}

/** The row, plus its connections when expanded. */
export function ProcessRow({ row, expanded, onToggle, onMenu, hidden }: Props) {
  const { t } = useTranslation();
  const pid = row.pid;
  const gone = row.status !== 'live';
  const openMenu = (e: MouseEvent<HTMLElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    onMenu(row, box.left, box.bottom);
  };
  const onContextMenu = (e: MouseEvent<HTMLTableRowElement>) => {
    if (pid === null) return;
    e.preventDefault();
    onMenu(row, e.clientX, e.clientY);
  };
  const label = { name: row.name, pid: pid ?? '' };
  return (
    <>
      <tr className={gone ? 'process-row gone' : 'process-row'} onContextMenu={onContextMenu}>
        <th scope="row">
          {pid === null ? (
            <span>{hidden?.name}</span>
          ) : (
            <button
              type="button"
              className="expander"
              aria-expanded={expanded}
              aria-label={t(expanded ? 'processesUi.collapse' : 'processesUi.expand', label)}
              onClick={() => onToggle(pid)}
            >
              <span aria-hidden="true">{expanded ? '▾' : '▸'}</span> {row.name}
            </button>
          )}
          {gone && (
            <span className="status-word" title={t(`processesUi.status.${row.status}Help`)}>
              {t(`processesUi.status.${row.status}`)}
            </span>
          )}
          {row.hasUdp && (
            <span className="status-word" title={t('processesUi.udpHelp')}>
              {t('processesUi.udp')}
            </span>
          )}
        </th>
        <td className="num">{pid ?? '—'}</td>
        <td>{row.user ?? ''}</td>
        {hidden !== null ? (
          <td colSpan={2} className="muted hidden-reason">
            {hidden.reason}
          </td>
        ) : (
          <>
            <td className="mono">{listeningText(row.listening)}</td>
            <td className="mono">{statesText(row.states)}</td>
          </>
        )}
        <RateCell row={row} which="sent" name={hidden?.name ?? row.name} />
        <RateCell row={row} which="received" name={hidden?.name ?? row.name} />
        <td className="num">{formatTraffic(row.sentBytes, row.receivedBytes)}</td>
        <td className="num">{row.remoteHosts}</td>
        <td>
          {pid !== null && (
            <button
              type="button"
              className="button small"
              aria-haspopup="menu"
              aria-label={t('processesUi.menu.open', label)}
              onClick={openMenu}
            >
              ⋯
            </button>
          )}
        </td>
      </tr>
      {expanded && pid !== null && (
        <tr className="process-connections">
          <td colSpan={PROCESS_COLUMNS.length}>
            <ConnectionList pid={pid} label={t('processesUi.connections', label)} />
          </td>
        </tr>
      )}
    </>
  );
}
