// The interfaces table: one row per interface, TUN/TAP facts, live rates with sparklines, a remove action.
import { useTranslation } from 'react-i18next';
import { addressTexts } from '../../../../shared/logic/adapter-rates';
import { formatBytes } from '../../../../shared/logic/format';
import type { Adapter } from '../../../../shared/model/adapters';
import { useStore } from '../../store/index';
import { Sparkline } from '../../ui/Sparkline';

function TunCell({ a }: { readonly a: Adapter }) {
  const { t } = useTranslation();
  if (!a.tun) return null;
  const who = (name: string | null, id: number | null) => name ?? (id === null ? t('adapters.anyone') : String(id));
  return (
    <>
      {t('adapters.tunFacts', {
        mode: a.tun.mode.toUpperCase(),
        owner: who(a.tun.ownerName, a.tun.owner),
        group: who(a.tun.groupName, a.tun.group),
        persist: t(a.tun.persist ? 'adapters.persistent' : 'adapters.transient'),
      })}
    </>
  );
}

function RateCell({ a, which }: { readonly a: Adapter; readonly which: 'rx' | 'tx' }) {
  const { t } = useTranslation();
  const history = useStore((s) => s.rateHistory.get(a.name));
  const last = history?.[history.length - 1]?.[which] ?? null;
  const direction = t(which === 'rx' ? 'adapters.columns.rx' : 'adapters.columns.tx');
  return (
    <span className="rate-cell">
      <Sparkline
        values={(history ?? []).map((p) => p[which] ?? 0)}
        label={t('adapters.rateLabel', { name: a.name, direction })}
      />
      <span>{last === null ? '' : t('adapters.rate', { rate: formatBytes(Math.round(last)) })}</span>
    </span>
  );
}

/** Every interface; `onRemove` opens the remove dialog for one. */
export function InterfacesTable({ onRemove }: { readonly onRemove: (a: Adapter) => void }) {
  const { t } = useTranslation();
  const list = useStore((s) => s.adapterList);
  const columns = ['name', 'kind', 'state', 'mac', 'mtu', 'addresses', 'tun', 'rx', 'tx', 'actions'];
  return (
    <table className="data-table interfaces-table" aria-label={t('adapters.table')} aria-busy={list === null}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col">
              {t(`adapters.columns.${c}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {(list?.adapters ?? []).map((a) => (
          <tr key={`${a.index}/${a.name}`}>
            <th scope="row">{a.name}</th>
            <td>{t(`adapters.kind.${a.kind}`)}</td>
            <td>{t(`adapters.state.${a.state}`)}</td>
            <td className="mono">{a.mac ?? ''}</td>
            <td>{a.mtu ?? ''}</td>
            <td className="mono">{addressTexts(a).join(', ') || t('adapters.noAddress')}</td>
            <td>
              <TunCell a={a} />
            </td>
            <td>
              <RateCell a={a} which="rx" />
            </td>
            <td>
              <RateCell a={a} which="tx" />
            </td>
            <td>
              <button type="button" className="button small" onClick={() => onRemove(a)}>
                {t('adapters.remove', { name: a.name })}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
