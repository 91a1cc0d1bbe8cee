// The charts view: sockets per state, transitions and churn over a chosen window, refreshed at the tick rate.
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index';
import type { ViewDefinition } from '../../ui/view-definition';
import { errorText } from '../../ui/error-text';
import { TracingNote } from '../status/index';
import { ChurnChart } from './ChurnChart';
import { StatesChart } from './StatesChart';
import { TransitionsChart } from './TransitionsChart';
import { TransitionTables } from './TransitionTables';
import { useStatsPolling } from './use-stats-polling';
import { WindowSelect } from './WindowSelect';
import '../../ui/view.css';
import './charts.css';

function ChartsBody() {
  const { t } = useTranslation();
  const series = useStore((s) => s.series);
  const transitions = useStore((s) => s.transitions);
  const error = useStore((s) => s.statsError);
  const window = useStore((s) => s.statsWindow);
  if (error && !series) return <p role="alert">{t('charts.error', { message: errorText(t, error) })}</p>;
  if (!series || !transitions) return <p className="analytics-note">{t('charts.loading')}</p>;
  if (series.points.length === 0) return <p className="analytics-note">{t('charts.empty')}</p>;
  return (
    <>
      <StatesChart series={series} windowLabel={t(`charts.windows.${window}`)} />
      <div className="chart-pair">
        <TransitionsChart series={series} />
        <ChurnChart series={series} />
      </div>
      <TransitionTables transitions={transitions} />
    </>
  );
}

function ChartsView() {
  const { t } = useTranslation();
  const tickMs = useStore((s) => s.series?.tickIntervalMs ?? s.settings?.refreshIntervalMs ?? null);
  const traced = useStore((s) => s.status?.transitions === 'trace');
  useStatsPolling();
  return (
    <>
      <div className="toolbar view-toolbar">
        <WindowSelect />
        <p
          className="analytics-note"
          title={tickMs === null || traced ? undefined : t('stats.observed', { ms: tickMs })}
        >
          <TracingNote charts />
        </p>
      </div>
      <div className="analytics-view">
        <ChartsBody />
      </div>
    </>
  );
}

/** The charts tab, after the sockets table. */
export const view: ViewDefinition = { id: 'charts', order: 10, labelKey: 'charts.tab', Component: ChartsView };
