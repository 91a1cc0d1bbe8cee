// Filter box and protocol / family / listening toggles above the grid.
import { useTranslation } from 'react-i18next';
import type { FilterToggles } from '../../../../shared/logic/filter';
import { useStore } from '../../store/index';
import { FilterField } from '../../ui/FilterField';

const TOGGLES: readonly { readonly name: keyof FilterToggles; readonly label: string }[] = [
  { name: 'tcp', label: 'filter.tcp' },
  { name: 'udp', label: 'filter.udp' },
  { name: 'ipv4', label: 'filter.ipv4' },
  { name: 'ipv6', label: 'filter.ipv6' },
  { name: 'listeningOnly', label: 'filter.listening' },
];

function Toggle({ name, label }: { readonly name: keyof FilterToggles; readonly label: string }) {
  const { t } = useTranslation();
  const checked = useStore((s) => s.toggles[name]);
  const setToggle = useStore((s) => s.setToggle);
  return (
    <label className="toggle">
      <input type="checkbox" checked={checked} onChange={(e) => setToggle(name, e.target.checked)} />
      {t(label)}
    </label>
  );
}

/**
 * The filter input (token syntax in shared/logic/filter.ts) and the toggles. A term the syntax does not know is
 * named beside the box with core's own message (a report with that filter is refused the same way).
 */
export function FilterBar() {
  const { t } = useTranslation();
  const text = useStore((s) => s.filterText);
  const setFilterText = useStore((s) => s.setFilterText);
  return (
    <div className="filter-bar">
      <FilterField text={text} onChange={setFilterText} />
      <div role="group" aria-label={t('filter.toggles')} className="toggles">
        {TOGGLES.map((tg) => (
          <Toggle key={tg.name} name={tg.name} label={tg.label} />
        ))}
      </div>
    </div>
  );
}
