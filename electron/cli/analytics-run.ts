// The work of `stats`, `diagnose` and `watch`, loaded only when one of them runs.
import { languageFromEnv, translate } from '../../shared/i18n/translate';
import type { AlertThresholds } from '../../shared/model/alerts';
import { MAX_SERIES_POINTS, type StatsWindow } from '../../shared/model/history';
import type { Sampling } from './analytics-commands';
import { renderAlert, renderDiagnosis, renderStats } from './analytics-render';
import { CliSampler } from './cli-sampler';
import { jsonText } from '../../shared/logic/terminal-text';

const lang = () => languageFromEnv(process.env);
const note = (line: string) => process.stderr.write(`${line}\n`);

/** Samples, then prints the history of the sampled ticks. */
export async function runStats(window: StatsWindow, s: Sampling): Promise<void> {
  const sampler = new CliSampler({ refreshIntervalMs: s.intervalMs });
  try {
    if (!s.json) note(translate(lang(), 'stats.sampling', { ticks: s.ticks, ms: s.intervalMs }));
    await sampler.sample(s.ticks, s.intervalMs);
    const now = sampler.lastTakenAt + 1;
    const series = sampler.analytics.history.seriesFor(window, MAX_SERIES_POINTS, now);
    const transitions = sampler.analytics.history.transitionsFor(window, now);
    process.stdout.write(
      `${s.json ? jsonText({ schema: 'netinspect.stats/1', series, transitions }) : renderStats(lang(), series, transitions)}\n`,
    );
  } finally {
    sampler.close();
  }
}

/** Samples (so ages and transitions have a past), then runs every rule on the last table. */
export async function runDiagnose(s: Sampling): Promise<void> {
  const sampler = new CliSampler({ refreshIntervalMs: s.intervalMs });
  try {
    await sampler.sample(s.ticks, s.intervalMs);
    const d = await sampler.analytics.diagnose(sampler.sockets, sampler.lastTakenAt);
    process.stdout.write(
      `${s.json ? jsonText({ schema: 'netinspect.diagnosis/1', ...d }) : renderDiagnosis(lang(), d)}\n`,
    );
  } finally {
    sampler.close();
  }
}

/** Ticks until SIGINT/SIGTERM (exit 0), printing one line per alert raised or cleared. */
export async function runWatch(o: {
  ports: number[];
  thresholds: AlertThresholds;
  intervalMs: number;
  json: boolean;
}): Promise<void> {
  const sampler = new CliSampler(
    { refreshIntervalMs: o.intervalMs, watchedPorts: o.ports, alertThresholds: o.thresholds },
    (event, alert) =>
      process.stdout.write(`${o.json ? jsonText({ event, ...alert }) : renderAlert(lang(), event, alert)}\n`),
  );
  note(translate(lang(), 'alerts.watching', { ports: o.ports.join(', '), ms: o.intervalMs }));
  let timer: NodeJS.Timeout | null = null;
  const stop = (): void => {
    if (timer) clearTimeout(timer);
    sampler.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await new Promise<never>(() => {
    const loop = (): void => {
      sampler.tick();
      timer = setTimeout(loop, o.intervalMs);
    };
    loop();
  });
}
