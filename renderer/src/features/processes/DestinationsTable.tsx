// "Top destinations": remote hosts by bytes exchanged since netinspect looked, with their connections and processes.
import { useTranslation } from 'react-i18next';
import { formatTraffic } from '../../../../shared/logic/format';
import type { Destination } from '../../../../shared/model/processes';
import { useHostName } from '../../store/use-host-name';
import { DataTable, numeric } from '../../ui/DataTable';

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
        <DataTable
          className="data-table"
          label={t('processesUi.destinations.title')}
          columns={[
            'processesUi.destinations.host',
            numeric('processesUi.destinations.bytes'),
            numeric('processesUi.destinations.connections'),
            'processesUi.destinations.processes',
          ]}
        >
          {destinations.map((d) => (
            <tr key={d.address}>
              <HostCell address={d.address} />
              <td className="num">{formatTraffic(d.sentBytes, d.receivedBytes)}</td>
              <td className="num">{d.connections}</td>
              <td>{d.processes.map((p) => `${p.name} (${p.pid})`).join(', ')}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
