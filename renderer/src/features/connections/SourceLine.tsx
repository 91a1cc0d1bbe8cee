// Where the Connections log comes from right now: kernel destroy events or refresh diffs (why, and the one action
// that turns the kernel's source on), events lost, and whether opening times are traced.
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../../../shared/logic/format';
import { useStore } from '../../store/index';
import type { ClosedLogFacts } from '../../store/connections-slice';
import { KernelSourceAction } from '../status/index';

/** The line above the log. */
export function SourceLine({ facts }: { readonly facts: ClosedLogFacts }) {
  const { t, i18n } = useTranslation();
  const status = useStore((s) => s.status);
  const closes = status?.kernelSources.find((k) => k.source === 'closedSockets');
  const trace = status?.kernelSources.find((k) => k.source === 'stateTrace');
  const n = (v: number) => formatCount(v, i18n.language);
  const lossKey =
    facts.lost === 0
      ? 'connections.source.noLoss'
      : closes?.lostExact === false
        ? 'connections.source.lostMin'
        : 'connections.source.lost';
  return (
    <div className="closed-source" aria-label={t('connections.source.label')}>
      <span className={facts.source === 'kernel' ? 'stat' : 'stat warn'}>
        {t(`connections.source.${facts.source}`)}
      </span>
      {facts.source !== 'kernel' && facts.fallbackReason && <span className="note muted">{facts.fallbackReason}</span>}
      {facts.source !== 'kernel' && closes && <KernelSourceAction source={closes} />}
      <span className={facts.lost === 0 ? 'stat' : 'stat warn'}>{t(lossKey, { n: n(facts.lost) })}</span>
      <span className="stat">{t('connections.total', { n: n(facts.total) })}</span>
      <span className="stat">
        {t('connections.source.opened', {
          mode: t(
            status?.transitions === 'trace' ? 'connections.source.openedTrace' : 'connections.source.openedObserved',
          ),
        })}
      </span>
      {status?.transitions !== 'trace' && trace && <KernelSourceAction source={trace} />}
    </div>
  );
}
