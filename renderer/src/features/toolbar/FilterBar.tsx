// Filter box and protocol / family / listening toggles above the grid.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { FilterToggles } from '../../../../shared/logic/filter';
import { useStore } from '../../store/index';

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

/** The filter input (token syntax in shared/logic/filter.ts) and the toggles. */
export function FilterBar() {
  const { t } = useTranslation();
  const id = useId();
  const text = useStore((s) => s.filterText);
  const setFilterText = useStore((s) => s.setFilterText);
  return (
    <div className="filter-bar">
      <label htmlFor={id} className="field-label">
        {t('filter.label')}
      </label>
      <input
        id={id}
        type="search"
        className="filter-input"
        value={text}
        placeholder={t('filter.placeholder')}
        title={t('filter.help')}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => setFilterText(e.target.value)}
      />
      <div role="group" aria-label={t('filter.toggles')} className="toggles">
        {TOGGLES.map((tg) => (
          <Toggle key={tg.name} name={tg.name} label={tg.label} />
        ))}
      </div>
    </div>
  );
}
