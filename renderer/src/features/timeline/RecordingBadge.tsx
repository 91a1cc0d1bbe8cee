// The recorder in the settings bar: a Record switch and "Recording · 41 MB", or "Recording paused: disk full" as a
// visible warning (with the whole reason) while the live view goes on.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../../../shared/logic/format';
import { useStore } from '../../store/index';

/** The recording's state, and the switch when this core records (not for a followed or opened recording). */
export function RecordingBadge() {
  const { t } = useTranslation();
  const id = useId();
  const r = useStore((s) => s.recording);
  const setRecording = useStore((s) => s.setRecording);
  if (!r || r.source === 'none') return null;
  const size = formatBytes(r.sizeBytes);
  if (r.readOnly) {
    return (
      <span className="recording-badge" title={r.file ?? undefined}>
        {t('timelineUi.status.readOnly', { size })}
      </span>
    );
  }
  const text = !r.enabled
    ? t('timelineUi.status.off')
    : r.paused
      ? t('timelineUi.status.paused', { reason: t(`timelineUi.status.reason.${r.paused.reason}`) })
      : t('timelineUi.status.recording', { size });
  const detail = r.paused ? t(r.paused.key, { ...r.paused.params, defaultValue: r.paused.message }) : r.file;
  return (
    <span className="recording-badge">
      <input id={id} type="checkbox" checked={r.enabled} onChange={(e) => void setRecording(e.target.checked)} />
      <label htmlFor={id}>{t('timelineUi.status.toggle')}</label>
      <span
        className={r.paused && r.enabled ? 'recording-state warn' : 'recording-state'}
        role="status"
        title={detail ?? undefined}
      >
        {r.paused && r.enabled ? `⚠ ${text}` : text}
      </span>
    </span>
  );
}
