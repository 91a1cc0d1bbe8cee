// The facts a kill or details dialog shows about a process: identity, start, and the sockets it holds.
import { useTranslation } from 'react-i18next';
import { formatEndpoint } from '../../../../shared/logic/endpoint';
import { formatDuration } from '../../../../shared/logic/format';
import type { ProcessDetails } from '../../../../shared/model/actions';
import { useStore } from '../../store/index';

/** A term and its value; values are selectable text, in the mono font when they are machine text. */
export function Fact({ term, children, mono = false }: { term: string; children: React.ReactNode; mono?: boolean }) {
  return (
    <>
      <dt>{term}</dt>
      <dd className={mono ? 'mono' : undefined}>{children}</dd>
    </>
  );
}

/** Start time as a local date with how long ago, or "not visible". */
export function StartedFact({ startTime }: { readonly startTime: number | null }) {
  const { t, i18n } = useTranslation();
  const now = useStore((s) => s.now);
  return (
    <Fact term={t('actionUi.kill.started')}>
      {startTime === null
        ? t('actionUi.details.notVisible')
        : t('actionUi.details.runningFor', {
            date: new Date(startTime).toLocaleString(i18n.language),
            age: formatDuration(now - startTime),
          })}
    </Fact>
  );
}

/** Listening endpoints and how many other sockets (connections) the process holds. */
export function holdings(d: ProcessDetails): { readonly listening: string[]; readonly connections: number } {
  const listening: string[] = [];
  let connections = 0;
  for (const s of d.sockets) {
    if (s.state === 'LISTEN' || s.state === 'UNCONN')
      listening.push(`${s.proto} ${formatEndpoint(s.localAddress, s.localPort)}`);
    else connections++;
  }
  return { listening, connections };
}

/** What the kill dialog lists: name, PID, user, executable, start, holdings. */
export function ProcessFacts({ details: d }: { readonly details: ProcessDetails }) {
  const { t } = useTranslation();
  const none = t('actionUi.details.notVisible');
  const { listening, connections } = holdings(d);
  return (
    <dl className="facts">
      <Fact term={t('actionUi.kill.process')}>{d.name}</Fact>
      <Fact term={t('actionUi.kill.pid')} mono>
        {d.pid}
      </Fact>
      <Fact term={t('actionUi.kill.user')}>{d.user ?? (d.uid === null ? none : String(d.uid))}</Fact>
      <Fact term={t('actionUi.kill.exe')} mono>
        {d.exe ?? none}
      </Fact>
      <StartedFact startTime={d.startTime} />
      <Fact term={t('actionUi.kill.holds')}>
        {listening.length === 0 && connections === 0 && t('actionUi.kill.noSockets')}
        {listening.length > 0 && (
          <span className="mono">{t('actionUi.kill.listening', { endpoints: listening.join(', ') })}</span>
        )}
        {listening.length > 0 && connections > 0 && <br />}
        {connections > 0 && t('actionUi.kill.connections', { n: connections })}
      </Fact>
    </dl>
  );
}
