// The context menu of a socket row: kill, close, copy, filter to, connection and process details.
import { useTranslation } from 'react-i18next';
import { formatEndpoint } from '../../../../shared/logic/endpoint';
import type { Socket } from '../../../../shared/model/socket';
import { useStore } from '../../store/index';
import { useHostName } from '../../store/use-host-name';
import { Menu, type MenuEntry, type MenuPlacement } from './Menu';
import { filterEntries } from './filter-entries';
import { closeAvailability, hasRemoteHost, killAvailability, rowAsText } from './row-actions';

interface Props extends MenuPlacement {
  readonly socket: Socket;
}

/** The menu for one row; entries that do not apply stay visible, disabled, with the reason. */
export function RowMenu({ socket: s, x, y, onClose }: Props) {
  const { t } = useTranslation();
  const live = useStore((st) => st.table.has(s.key));
  const openKill = useStore((st) => st.openKill);
  const openClose = useStore((st) => st.openClose);
  const openDetails = useStore((st) => st.openDetails);
  const copyText = useStore((st) => st.copyText);
  const setFilterText = useStore((st) => st.setFilterText);
  const openSocketDetails = useStore((st) => st.openSocketDetails);
  const remoteName = useHostName(s.remoteAddress);
  const remote = formatEndpoint(s.remoteAddress, s.remotePort);
  const reason = (key: string | null) => (key === null ? null : t(key));
  // A recorded row's process may be gone or its pid reused: acting on it is for the live table only.
  const past = useStore((st) => st.past !== null);
  const pastReason = past ? t('timelineUi.grid.pastAction') : null;
  const noPid = reason(killAvailability(s));
  const noRemote = hasRemoteHost(s) ? null : t('actionUi.menu.noRemote');
  const pid = s.pid ?? 0;

  const entries: MenuEntry[] = [
    {
      id: 'kill',
      label: t('actionUi.menu.kill'),
      disabledReason: pastReason ?? noPid,
      onSelect: () => openKill(pid, s.process),
    },
    {
      id: 'close',
      label: t('actionUi.menu.close'),
      disabledReason: pastReason ?? reason(closeAvailability(s, live)),
      onSelect: () => openClose(s),
    },
    {
      id: 'copy-row',
      groupStart: true,
      label: t('actionUi.menu.copyRow'),
      onSelect: () => void copyText(rowAsText(s, remoteName)),
    },
    {
      id: 'copy-local',
      label: t('actionUi.menu.copyLocal'),
      onSelect: () => void copyText(formatEndpoint(s.localAddress, s.localPort)),
    },
    {
      id: 'copy-remote',
      label: t('actionUi.menu.copyRemote'),
      disabledReason: noRemote,
      // With names on, both: the name people read and the address tools need.
      onSelect: () => void copyText(remoteName === null ? remote : `${remoteName} (${remote})`),
    },
    {
      id: 'copy-pid',
      label: t('actionUi.menu.copyPid'),
      disabledReason: noPid,
      onSelect: () => void copyText(String(pid)),
    },
    ...filterEntries(t, s, { noPid, noRemote }, setFilterText),
    {
      id: 'socket-details',
      groupStart: true,
      label: t('traffic.details.menu'),
      onSelect: () => openSocketDetails(s),
    },
    {
      id: 'details',
      label: t('actionUi.menu.details'),
      disabledReason: noPid,
      onSelect: () => openDetails(pid, s.process),
    },
  ];
  return <Menu label={t('actionUi.menu.label')} entries={entries} x={x} y={y} onClose={onClose} />;
}
