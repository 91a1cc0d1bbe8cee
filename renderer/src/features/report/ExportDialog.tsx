// The export dialog: format, filter scope and time range in; progress while core builds and the file transfers.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REPORT_FORMATS, type ReportFormat } from '../../../../shared/model/report';
import { STATS_WINDOWS, type StatsWindow } from '../../../../shared/model/stats-window';
import { useStore } from '../../store/index';
import { Modal } from '../../ui/Modal';

const FORMAT_LABELS: Readonly<Record<ReportFormat, string>> = {
  json: 'report.ui.formatJson',
  html: 'report.ui.formatHtml',
  csv: 'report.ui.formatCsv',
  text: 'report.ui.formatText',
};

function Progress() {
  const { t } = useTranslation();
  const state = useStore((s) => s.exportState);
  if (state.kind === 'idle') return null;
  if (state.kind === 'done') return <p role="status">{t(state.message.key, state.message.params)}</p>;
  const text =
    state.kind === 'building'
      ? t('report.ui.building')
      : t('report.ui.transferring', { done: state.done, total: state.total });
  return (
    <div className="scan-progress">
      <div
        role="progressbar"
        aria-label={t('report.ui.progress')}
        aria-valuetext={text}
        aria-valuemin={0}
        aria-valuemax={state.kind === 'building' ? undefined : state.total}
        aria-valuenow={state.kind === 'building' ? undefined : state.done}
        className="progress"
      >
        <div
          className="progress-fill"
          style={{ width: state.kind === 'building' ? '10%' : `${10 + (90 * state.done) / state.total}%` }}
        />
      </div>
      <p role="status">{text}</p>
    </div>
  );
}

/** The dialog, open while `exportOpen`. */
export function ExportDialog() {
  const { t } = useTranslation();
  const open = useStore((s) => s.exportOpen);
  const state = useStore((s) => s.exportState);
  const close = useStore((s) => s.closeExport);
  const run = useStore((s) => s.exportReport);
  const formatId = useId();
  const windowId = useId();
  const [format, setFormat] = useState<ReportFormat>('html');
  const [filtered, setFiltered] = useState(false);
  const [withWindow, setWithWindow] = useState(false);
  const [window, setWindow] = useState<StatsWindow>('10m');
  if (!open) return null;
  const busy = state.kind === 'building' || state.kind === 'transferring';
  return (
    <Modal title={t('report.ui.title')} onClose={close} className="export-dialog">
      <div className="export-options">
        <label htmlFor={formatId}>{t('report.ui.format')}</label>
        <select id={formatId} value={format} onChange={(e) => setFormat(e.target.value as ReportFormat)}>
          {REPORT_FORMATS.map((f) => (
            <option key={f} value={f}>
              {t(FORMAT_LABELS[f])}
            </option>
          ))}
        </select>
        <fieldset>
          <legend>{t('report.ui.scope')}</legend>
          <label className="toggle">
            <input type="radio" name="scope" checked={!filtered} onChange={() => setFiltered(false)} />
            {t('report.ui.scopeAll')}
          </label>
          <label className="toggle">
            <input type="radio" name="scope" checked={filtered} onChange={() => setFiltered(true)} />
            {t('report.ui.scopeFiltered')}
          </label>
        </fieldset>
        <fieldset>
          <legend>{t('report.ui.range')}</legend>
          <label className="toggle">
            <input type="radio" name="range" checked={!withWindow} onChange={() => setWithWindow(false)} />
            {t('report.ui.rangeSnapshot')}
          </label>
          <label className="toggle">
            <input type="radio" name="range" checked={withWindow} onChange={() => setWithWindow(true)} />
            {t('report.ui.rangeWindow')}
          </label>
          <label htmlFor={windowId}>{t('report.ui.window')}</label>
          <select
            id={windowId}
            value={window}
            disabled={!withWindow}
            onChange={(e) => setWindow(e.target.value as StatsWindow)}
          >
            {STATS_WINDOWS.map((w) => (
              <option key={w} value={w}>
                {w}
              </option>
            ))}
          </select>
        </fieldset>
      </div>
      <Progress />
      <div className="modal-buttons">
        <button
          type="button"
          className="button primary"
          disabled={busy}
          onClick={() => void run({ format, filtered, window: withWindow ? window : null })}
        >
          {t('report.ui.export')}
        </button>
        <button type="button" className="button" data-initial-focus onClick={close}>
          {state.kind === 'done' ? t('report.ui.close') : t('report.ui.cancel')}
        </button>
      </div>
    </Modal>
  );
}
