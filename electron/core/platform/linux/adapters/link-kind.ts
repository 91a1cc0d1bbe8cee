// What kind of interface a link is, from its rtnetlink facts, sysfs tun_flags and whether it has a bus device.
import type { AdapterKind } from '../../../../../shared/model/adapters';
import type { LinkRecord } from './rtnetlink-decode';
import type { TunSysfs } from './tun-encode';

/** IFF_LOOPBACK (linux/if.h) and ARPHRD_LOOPBACK (linux/if_arp.h): what marks the loopback link. */
const IFF_LOOPBACK = 0x8;
const ARPHRD_LOOPBACK = 772;

const KNOWN_KINDS: Readonly<Record<string, AdapterKind>> = {
  veth: 'veth',
  bridge: 'bridge',
  bond: 'bond',
  vlan: 'vlan',
  dummy: 'dummy',
  wireguard: 'wireguard',
};

/**
 * Loopback by flag; tun/tap by the sysfs mode (IFLA_INFO_KIND says "tun" for both); known software kinds by
 * IFLA_INFO_KIND; any other software kind is `virtual`; no kind and a bus device (/sys/class/net/X/device) is
 * `physical`; no kind and no device is `other`.
 */
export function classifyLink(link: LinkRecord, tun: TunSysfs | null, hasDevice: boolean): AdapterKind {
  if ((link.flags & IFF_LOOPBACK) !== 0 || link.linkType === ARPHRD_LOOPBACK) return 'loopback';
  if (tun) return tun.mode;
  if (link.infoKind !== null) return KNOWN_KINDS[link.infoKind] ?? 'virtual';
  return hasDevice ? 'physical' : 'other';
}
