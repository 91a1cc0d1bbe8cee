// The context menu of a closed connection: copy the row or an endpoint, filter the log to its process, port or host.
import { useTranslation } from 'react-i18next';
import { formatEndpoint } from '../../../../shared/logic/endpoint';
import type { ClosedConnection } from '../../../../shared/model/connections';
import { useStore } from '../../store/index';
import { filterEntries, Menu, type MenuEntry, type MenuPlacement } from '../actions/index';
import { closedRowText, hasRemoteHost } from './closed-actions';

interface Props extends MenuPlacement {
  readonly entry: ClosedConnection;
}

/** The menu for one entry; entries that do not apply stay visible, disabled, with the reason. */
export function ClosedMenu({ entry: c, x, y, onClose }: Props) {
  const { t } = useTranslation();
  const copyText = useStore((s) => s.copyText);
  const setFilter = useStore((s) => s.setClosedFilter);
  const noPid = c.pid === null ? t('connections.why.noOwner') : null;
  const noRemote = hasRemoteHost(c) ? null : t('actionUi.menu.noRemote');
  const entries: MenuEntry[] = [
    { id: 'copy-row', label: t('actionUi.menu.copyRow'), onSelect: () => void copyText(closedRowText(c)) },
    {
      id: 'copy-local',
      label: t('actionUi.menu.copyLocal'),
      onSelect: () => void copyText(formatEndpoint(c.localAddress, c.localPort)),
    },
    {
      id: 'copy-remote',
      label: t('actionUi.menu.copyRemote'),
      disabledReason: noRemote,
      onSelect: () => void copyText(formatEndpoint(c.remoteAddress, c.remotePort)),
    },
    {
      id: 'copy-pid',
      label: t('actionUi.menu.copyPid'),
      disabledReason: noPid,
      onSelect: () => void copyText(String(c.pid ?? '')),
    },
    ...filterEntries(t, c, { noPid, noRemote }, setFilter),
  ];
  return <Menu label={t('connections.menu.label')} entries={entries} x={x} y={y} onClose={onClose} />;
}
