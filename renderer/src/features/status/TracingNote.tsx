// How the kernel's sources run now (collector:status `kernelSources`): transitions traced or observed at each
// refresh, closes from the kernel or from refresh diffs, and the one action that turns a source on.
import { useTranslation } from 'react-i18next';
import type { KernelSourceStatus } from '../../../../shared/model/kernel-events';
import { useStore } from '../../store/index';
import { ShowAllOwners } from '../privilege/index';
import './tracing.css';

const ELEVATE = 'kernelEvents.action.elevate';
const MOUNT = 'kernelEvents.action.mount';

/**
 * What turns `source` on: "Show all owners (administrator)" when it needs rights (nothing when `button` is false:
 * that switch is already on screen), the mount command when tracefs is absent, else the source's own advice.
 */
export function KernelSourceAction({
  source,
  button = true,
}: {
  readonly source: KernelSourceStatus;
  readonly button?: boolean;
}) {
  const { t } = useTranslation();
  const a = source.action;
  if (!a) return null;
  if (a.key === MOUNT) {
    return (
      <span className="note muted trace-action">
        {t('tracing.mount')} <code className="mono">{String(a.params.command ?? '')}</code>
      </span>
    );
  }
  // The switch is the action (it says itself when elevation cannot be asked for here, and what to do instead).
  if (a.key === ELEVATE) return button ? <ShowAllOwners /> : null;
  return <span className="note muted trace-action">{t(a.key, a.params)}</span>;
}

/** The two sources of the current status, or undefined before the first status (or on another OS). */
function useSources(): { readonly trace?: KernelSourceStatus; readonly closes?: KernelSourceStatus } {
  const sources = useStore((s) => s.status?.kernelSources);
  return {
    trace: sources?.find((k) => k.source === 'stateTrace'),
    closes: sources?.find((k) => k.source === 'closedSockets'),
  };
}

/** The status bar's two stats: how transitions and closes are counted, the reason in the title. */
export function TracingStats() {
  const { t } = useTranslation();
  const transitions = useStore((s) => s.status?.transitions);
  const closes = useStore((s) => s.status?.closes);
  const { trace, closes: closeSource } = useSources();
  if (!transitions || !closes) return null;
  const why = (s: KernelSourceStatus | undefined) =>
    s && !s.on && s.reason ? ` ${t(s.reason.key, s.reason.params)}` : '';
  return (
    <>
      <span className="stat" title={`${t(`tracing.transitionsHelp.${transitions}`)}${why(trace)}`}>
        {t(`tracing.transitions.${transitions}`)}
      </span>
      <span className="stat" title={`${t(`tracing.closesHelp.${closes}`)}${why(closeSource)}`}>
        {t(`tracing.closes.${closes}`)}
      </span>
    </>
  );
}

/**
 * While tracing is off: why, and the action that turns it on (the status bar's note, or the Charts view's line with
 * `charts`). `button` as for KernelSourceAction.
 */
export function TracingNote({
  charts = false,
  button = true,
}: {
  readonly charts?: boolean;
  readonly button?: boolean;
}) {
  const { t } = useTranslation();
  const transitions = useStore((s) => s.status?.transitions ?? 'observed');
  const { trace } = useSources();
  const off = trace && !trace.on ? trace : undefined;
  if (!charts && !off) return null;
  return (
    <span className="tracing-note">
      {charts && <span>{t(`tracing.charts.${transitions}`)}</span>}
      {off?.reason && <span className="note muted">{t(off.reason.key, off.reason.params)}</span>}
      {off && <KernelSourceAction source={off} button={button} />}
    </span>
  );
}
