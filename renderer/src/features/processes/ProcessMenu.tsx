// The menu of a process row: kill (the kill dialog), details, and "Filter to this process" (the Sockets tab with
// `pid:<n>` in its filter box).
import { useTranslation } from 'react-i18next';
import type { ProcessTraffic } from '../../../../shared/model/processes';
import { useStore } from '../../store/index';
import { Menu, type MenuEntry } from '../actions/index';

interface Props {
  readonly row: ProcessTraffic & { readonly pid: number };
  readonly x: number;
  readonly y: number;
  readonly onClose: (returnFocus: boolean) => void;
}

/** The menu for one process; kill and details say why not once the process has exited. */
export function ProcessMenu({ row, x, y, onClose }: Props) {
  const { t } = useTranslation();
  const openKill = useStore((s) => s.openKill);
  const openDetails = useStore((s) => s.openDetails);
  const setFilterText = useStore((s) => s.setFilterText);
  const setActiveView = useStore((s) => s.setActiveView);
  // A recorded moment's process may be long gone, or its pid another process's now: act only on the live view.
  const past = useStore((st) => st.past !== null);
  const gone = past ? t('timelineUi.grid.pastAction') : row.status === 'exited' ? t('processesUi.menu.gone') : null;
  const entries: MenuEntry[] = [
    {
      id: 'kill',
      label: t('processesUi.menu.kill'),
      disabledReason: gone,
      onSelect: () => openKill(row.pid, row.name),
    },
    {
      id: 'details',
      label: t('processesUi.menu.details'),
      disabledReason: gone,
      onSelect: () => openDetails(row.pid, row.name),
    },
    {
      id: 'filter',
      groupStart: true,
      label: t('processesUi.menu.filter'),
      onSelect: () => {
        setFilterText(`pid:${row.pid}`);
        setActiveView('sockets');
      },
    },
  ];
  return <Menu label={t('processesUi.menu.label')} entries={entries} x={x} y={y} onClose={onClose} />;
}
