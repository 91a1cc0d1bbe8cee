// Connections closed per second over the last minutes, as small bars (animations off; exact rows are in the grid).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ClosedLogFacts } from '../../store/connections-slice';

const TOOLTIP_STYLE = {
  background: 'var(--bg)',
  border: '1px solid var(--border)',
  borderRadius: 4,
  fontSize: 12,
  color: 'var(--fg)',
} as const;

/** The chart of `perSecond`, in a figure with its caption. */
export function ClosedRateChart({ perSecond }: { readonly perSecond: ClosedLogFacts['perSecond'] }) {
  const { t, i18n } = useTranslation();
  const time = useMemo(() => {
    const f = new Intl.DateTimeFormat(i18n.language, {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hour12: false,
    });
    return (ms: number) => f.format(ms);
  }, [i18n.language]);
  const data = useMemo(() => perSecond.map((p) => ({ t: p.at, n: p.count })), [perSecond]);
  return (
    <figure className="closed-rate" aria-labelledby="closed-rate-caption">
      <figcaption id="closed-rate-caption">{t('connections.chart.title')}</figcaption>
      <div className="closed-rate-box" role="img" aria-label={t('connections.chart.label')}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 2, right: 8, bottom: 0, left: 0 }} barCategoryGap={0}>
            <XAxis dataKey="t" tickFormatter={time} stroke="var(--fg-muted)" minTickGap={48} fontSize={10} />
            <YAxis allowDecimals={false} stroke="var(--fg-muted)" width={36} fontSize={10} />
            <Tooltip contentStyle={TOOLTIP_STYLE} labelFormatter={(v) => time(Number(v))} />
            <Bar
              dataKey="n"
              name={t('connections.chart.count')}
              fill="var(--state-problem)"
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
