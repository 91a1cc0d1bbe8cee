// "Top destinations": remote hosts by bytes exchanged since netinspect looked, with their connections and processes.
import { useTranslation } from 'react-i18next';
import { formatTraffic } from '../../../../shared/logic/format';
import type { Destination } from '../../../../shared/model/processes';
import { useHostName } from '../../store/use-host-name';

function HostCell({ address }: { readonly address: string }) {
  const { t } = useTranslation();
  const name = useHostName(address);
  if (name === null)
    return (
      <th scope="row" className="mono">
        {address}
      </th>
    );
  return (
    <th scope="row" title={t('hostNames.title', { name, address })}>
      {name}
    </th>
  );
}

/** The busiest destinations, as core ranks them. */
export function DestinationsTable({ destinations }: { readonly destinations: readonly Destination[] }) {
  const { t } = useTranslation();
  return (
    <section className="destinations">
      <h2>{t('processesUi.destinations.title')}</h2>
      {destinations.length === 0 ? (
        <p className="muted">{t('processesUi.destinations.empty')}</p>
      ) : (
        <table className="data-table" aria-label={t('processesUi.destinations.title')}>
          <thead>
            <tr>
              <th scope="col">{t('processesUi.destinations.host')}</th>
              <th scope="col" className="num">
                {t('processesUi.destinations.bytes')}
              </th>
              <th scope="col" className="num">
                {t('processesUi.destinations.connections')}
              </th>
              <th scope="col">{t('processesUi.destinations.processes')}</th>
            </tr>
          </thead>
          <tbody>
            {destinations.map((d) => (
              <tr key={d.address}>
                <HostCell address={d.address} />
                <td className="num">{formatTraffic(d.sentBytes, d.receivedBytes)}</td>
                <td className="num">{d.connections}</td>
                <td>{d.processes.map((p) => `${p.name} (${p.pid})`).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
