// "Who owns port N": every socket bound to the port, with Kill / Close actions through the existing dialogs.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatEndpoint } from '../../../../shared/logic/endpoint';
import { formatProto } from '../../../../shared/logic/format';
import { useStore } from '../../store/index';
import { DataTable } from '../../ui/DataTable';
import { ErrorLine, PortInput, SubmitButton } from './fields';

/** The who-owns-port form and its result table. */
export function WhoOwnsPanel() {
  const { t } = useTranslation();
  const headingId = useId();
  const protoId = useId();
  const [port, setPort] = useState('');
  const [proto, setProto] = useState<'any' | 'tcp' | 'udp'>('any');
  const who = useStore((s) => s.who);
  const lookup = useStore((s) => s.lookupPort);
  const openKill = useStore((s) => s.openKill);
  const openClose = useStore((s) => s.openClose);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void lookup(Number(port), proto);
  };
  return (
    <section className="tool-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('tools.who.title')}</h2>
      <form className="tool-form" onSubmit={submit}>
        <PortInput value={port} onChange={setPort} />
        <label htmlFor={protoId}>{t('tools.protocol')}</label>
        <select id={protoId} value={proto} onChange={(e) => setProto(e.target.value as 'any' | 'tcp' | 'udp')}>
          <option value="any">{t('tools.any')}</option>
          <option value="tcp">{t('tools.tcp')}</option>
          <option value="udp">{t('tools.udp')}</option>
        </select>
        <SubmitButton busy={who.state === 'busy'} text={t('tools.who.lookup')} busyText={t('tools.who.busy')} />
      </form>
      {who.state === 'failed' && <ErrorLine error={who.error} />}
      {who.state === 'ready' && who.value.sockets.length === 0 && (
        <p role="status">{t('tools.who.none', { port: who.value.port })}</p>
      )}
      {who.state === 'ready' && who.value.sockets.length > 0 && (
        <DataTable
          className="tool-table"
          label={t('tools.who.results', { port: who.value.port })}
          columns={[
            'columns.proto',
            'columns.localAddress',
            'columns.remoteAddress',
            'columns.state',
            'columns.pid',
            'columns.process',
            'columns.user',
            'tools.who.actions',
          ]}
        >
          {who.value.sockets.map((s) => (
            <tr key={s.key}>
              <td>{formatProto(s)}</td>
              <td className="mono">{formatEndpoint(s.localAddress, s.localPort)}</td>
              <td className="mono">{formatEndpoint(s.remoteAddress, s.remotePort)}</td>
              <td>{s.state}</td>
              <td>{s.pid ?? '—'}</td>
              <td>{s.process ?? '—'}</td>
              <td>{s.user ?? '—'}</td>
              <td>
                {s.pid !== null && (
                  <button type="button" className="button" onClick={() => openKill(s.pid ?? 0, s.process)}>
                    {t('tools.who.kill')}
                  </button>
                )}
                {s.proto === 'tcp' && s.state !== 'LISTEN' && s.remotePort !== 0 && (
                  <button type="button" className="button" onClick={() => openClose(s)}>
                    {t('tools.who.close')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
