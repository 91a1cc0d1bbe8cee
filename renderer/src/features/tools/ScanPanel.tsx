// The TCP connect scan: host, ports, concurrency and timeout; a progress bar, cancel, and the results.
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_SCAN_CONCURRENCY,
  DEFAULT_SCAN_TIMEOUT_MS,
  MAX_SCAN_CONCURRENCY,
  MAX_SCAN_PORTS,
  MAX_SCAN_TIMEOUT_MS,
  MIN_SCAN_CONCURRENCY,
  MIN_SCAN_TIMEOUT_MS,
} from '../../../../shared/model/tools';
import { useStore } from '../../store/index';
import { DataTable } from '../../ui/DataTable';
import { ErrorLine, Field } from './fields';

/** The scan form, progress and results. */
export function ScanPanel() {
  const { t } = useTranslation();
  const headingId = useId();
  const [hostText, setHost] = useState('127.0.0.1');
  const [ports, setPorts] = useState('1-1024');
  const [concurrency, setConcurrency] = useState(String(DEFAULT_SCAN_CONCURRENCY));
  const [timeout, setTimeoutMs] = useState(String(DEFAULT_SCAN_TIMEOUT_MS));
  const [showClosed, setShowClosed] = useState(false);
  const scan = useStore((s) => s.scan);
  const start = useStore((s) => s.startScan);
  const cancel = useStore((s) => s.cancelScan);
  const counts = useMemo(() => {
    const c = { open: 0, closed: 0, filtered: 0 };
    for (const r of scan.results) c[r.status]++;
    return c;
  }, [scan.results]);
  const rows = useMemo(
    () => scan.results.filter((r) => showClosed || r.status !== 'closed').sort((a, b) => a.port - b.port),
    [scan.results, showClosed],
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void start({ host: hostText.trim(), ports, concurrency: Number(concurrency), timeoutMs: Number(timeout) });
  };
  const finished = !scan.running && scan.scanId !== null;
  return (
    <section className="tool-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('tools.scan.title')}</h2>
      <form className="tool-form" onSubmit={submit}>
        <Field label={t('tools.scan.host')} value={hostText} onChange={setHost} />
        <Field
          label={t('tools.scan.ports')}
          value={ports}
          onChange={setPorts}
          help={t('tools.scan.portsHelp', { max: MAX_SCAN_PORTS })}
        />
        <Field
          label={t('tools.scan.concurrency')}
          type="number"
          min={MIN_SCAN_CONCURRENCY}
          max={MAX_SCAN_CONCURRENCY}
          value={concurrency}
          onChange={setConcurrency}
        />
        <Field
          label={t('tools.scan.timeout')}
          type="number"
          min={MIN_SCAN_TIMEOUT_MS}
          max={MAX_SCAN_TIMEOUT_MS}
          value={timeout}
          onChange={setTimeoutMs}
        />
        {scan.running ? (
          <button type="button" className="button" onClick={() => void cancel()}>
            {t('tools.scan.cancel')}
          </button>
        ) : (
          <button type="submit" className="button">
            {t('tools.scan.start')}
          </button>
        )}
      </form>
      {scan.error && <ErrorLine error={scan.error} />}
      {(scan.running || finished) && (
        <div className="scan-progress">
          <div
            role="progressbar"
            aria-label={t('tools.scan.progress')}
            aria-valuemin={0}
            aria-valuemax={scan.total}
            aria-valuenow={scan.done}
            aria-valuetext={t('tools.scan.progressText', { done: scan.done, total: scan.total })}
            className="progress"
          >
            <div className="progress-fill" style={{ width: `${scan.total ? (100 * scan.done) / scan.total : 0}%` }} />
          </div>
          <p role="status">
            {scan.cancelled
              ? t('tools.scan.cancelled', { done: scan.done, total: scan.total })
              : finished
                ? `${t('tools.scan.finished', { address: scan.address })} ${t('tools.scan.summary', counts)}`
                : `${t('tools.scan.progressText', { done: scan.done, total: scan.total })} · ${t('tools.scan.summary', counts)}`}
          </p>
        </div>
      )}
      {scan.results.length > 0 && (
        <>
          <label className="toggle">
            <input type="checkbox" checked={showClosed} onChange={(e) => setShowClosed(e.target.checked)} />
            {t('tools.scan.showClosed')}
          </label>
          {rows.length === 0 ? (
            <p>{t('tools.scan.noOpen')}</p>
          ) : (
            <DataTable
              className="tool-table"
              label={t('tools.scan.results')}
              columns={['tools.port', 'tools.scan.status', 'tools.scan.service', 'tools.scan.time']}
            >
              {rows.map((r) => (
                <tr key={r.port} className={`scan-${r.status}`}>
                  <td>{r.port}</td>
                  <td>{t(`tools.scan.${r.status}`)}</td>
                  <td>{r.service ?? ''}</td>
                  <td>{r.ms}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </>
      )}
    </section>
  );
}
