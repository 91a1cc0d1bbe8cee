// The time and number formats of one series' charts in the UI language, and the tooltip that shows them.
import { useTranslation } from 'react-i18next';
import type { StatsSeries } from '../../../../shared/model/history';
import { TOOLTIP_STYLE, numberFormatter, timeFormatter } from './chart-style';

/** `time` for axis ticks (seconds only for fine resolutions); `tooltip`, the props of `<Tooltip>` (time, exact value). */
export function useChartFormats(series: StatsSeries) {
  const { i18n } = useTranslation();
  const time = timeFormatter(i18n.language, series.resolutionMs < 60_000);
  const num = numberFormatter(i18n.language);
  const tooltip = {
    contentStyle: TOOLTIP_STYLE,
    labelFormatter: (v: unknown) => time(Number(v)),
    formatter: (v: unknown) => num(Number(v)),
  };
  return { time, tooltip };
}
