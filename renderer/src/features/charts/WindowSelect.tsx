// The history window picker: a labelled select of 1 min, 10 min, 1 h and 24 h.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { STATS_WINDOWS, type StatsWindow } from '../../../../shared/model/history';
import { useStore } from '../../store/index';

const isWindow = (v: string): v is StatsWindow => (STATS_WINDOWS as readonly string[]).includes(v);

/** Window selector bound to the store. */
export function WindowSelect() {
  const { t } = useTranslation();
  const id = useId();
  const value = useStore((s) => s.statsWindow);
  const setWindow = useStore((s) => s.setStatsWindow);
  return (
    <span className="setting">
      <label htmlFor={id} className="field-label">
        {t('charts.window')}
      </label>
      <select id={id} value={value} onChange={(e) => isWindow(e.target.value) && setWindow(e.target.value)}>
        {STATS_WINDOWS.map((w) => (
          <option key={w} value={w}>
            {t(`charts.windows.${w}`)}
          </option>
        ))}
      </select>
    </span>
  );
}
