// The Processes table: one row per process from the traffic slice, busiest first, expandable, with a row menu.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcessTraffic, ProcessTrafficList } from '../../../../shared/model/processes';
import { ProcessMenu } from './ProcessMenu';
import { orderedRows } from './process-rows';
import { PROCESS_COLUMNS, ProcessRow } from './ProcessRow';

type MenuAt = { readonly row: ProcessTraffic & { readonly pid: number }; readonly x: number; readonly y: number };

const NUMERIC = new Set<string>(['pid', 'sentRate', 'receivedRate', 'bytes', 'remoteHosts']);

/** Every row of `list`; the row of sockets without a visible owner says why. */
export function ProcessesTable({ list }: { readonly list: ProcessTrafficList }) {
  const { t } = useTranslation();
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const [menu, setMenu] = useState<MenuAt | null>(null);
  const toggle = useCallback((pid: number) => {
    setExpanded((e) => {
      const next = new Set(e);
      if (!next.delete(pid)) next.add(pid);
      return next;
    });
  }, []);
  const onMenu = useCallback((row: ProcessTraffic, x: number, y: number) => {
    if (row.pid !== null) setMenu({ row: { ...row, pid: row.pid }, x, y });
  }, []);
  const close = useCallback(() => setMenu(null), []);
  // Sockets no process holds any more (TIME_WAIT) share the row of hidden owners; it says which it is.
  const hidden = list.hidden
    ? { name: t('processesUi.hidden.name'), reason: t(list.hidden.reasonKey, { n: list.hidden.sockets }) }
    : { name: t('processesUi.hidden.kernel'), reason: t('pid.kernel') };
  const rows = orderedRows(list.processes);
  return (
    <>
      <table className="data-table processes-table" aria-label={t('processesUi.table')}>
        <thead>
          <tr>
            {PROCESS_COLUMNS.map((c) => (
              <th key={c} scope="col" className={NUMERIC.has(c) ? 'num' : undefined}>
                {t(`processesUi.columns.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <ProcessRow
              key={row.pid ?? 'hidden'}
              row={row}
              expanded={row.pid !== null && expanded.has(row.pid)}
              onToggle={toggle}
              onMenu={onMenu}
              hidden={row.pid === null ? hidden : null}
            />
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="muted">{t('processesUi.empty')}</p>}
      {menu && <ProcessMenu row={menu.row} x={menu.x} y={menu.y} onClose={close} />}
    </>
  );
}
