// The bind test: address, port, protocol and SO_REUSEADDR in; the outcome explained in plain words out.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index';
import { ErrorLine, Field, PortInput, SubmitButton } from './fields';

/** The bind test form and its explanation. */
export function BindTestPanel() {
  const { t } = useTranslation();
  const headingId = useId();
  const protoId = useId();
  const [address, setAddress] = useState('0.0.0.0');
  const [port, setPort] = useState('');
  const [proto, setProto] = useState<'tcp' | 'udp'>('tcp');
  const [reuseAddr, setReuseAddr] = useState(false);
  const bind = useStore((s) => s.bind);
  const testBind = useStore((s) => s.testBind);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void testBind({ port: Number(port), host: address.trim(), proto, reuseAddr });
  };
  return (
    <section className="tool-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('tools.bind.title')}</h2>
      <form className="tool-form" onSubmit={submit}>
        <Field label={t('tools.bind.address')} value={address} onChange={setAddress} />
        <PortInput value={port} onChange={setPort} />
        <label htmlFor={protoId}>{t('tools.protocol')}</label>
        <select id={protoId} value={proto} onChange={(e) => setProto(e.target.value === 'udp' ? 'udp' : 'tcp')}>
          <option value="tcp">{t('tools.tcp')}</option>
          <option value="udp">{t('tools.udp')}</option>
        </select>
        <label className="toggle">
          <input type="checkbox" checked={reuseAddr} onChange={(e) => setReuseAddr(e.target.checked)} />
          {t('tools.bind.reuseAddr')}
        </label>
        <SubmitButton busy={bind.state === 'busy'} text={t('tools.bind.run')} busyText={t('tools.bind.busy')} />
      </form>
      {bind.state === 'failed' && <ErrorLine error={bind.error} />}
      {bind.state === 'ready' && (
        <div role="status" className={`bind-result bind-${bind.value.outcome}`} data-outcome={bind.value.outcome}>
          {bind.value.explanation.map((line, i) => (
            <p key={i} className={i === 0 ? 'bind-verdict' : undefined}>
              {t(line.key, line.params)}
            </p>
          ))}
          {bind.value.errno && <p className="muted">{t('tools.bind.errno', { errno: bind.value.errno })}</p>}
          {!bind.value.reuseAddrHonoured && <p className="muted">{t('tools.bind.notHonoured')}</p>}
        </div>
      )}
    </section>
  );
}
