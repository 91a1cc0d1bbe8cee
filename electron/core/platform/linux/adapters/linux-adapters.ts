// Linux adapters: list from rtnetlink dumps + sysfs, create/remove TUN/TAP through ioctls and rtnetlink.
import fs from 'node:fs';
import { keyedError } from '../../../../../shared/logic/input-error';
import { parseAddressBytes } from '../../../../../shared/logic/ip-parse';
import { parseAddresses, isProblem } from '../../../../../shared/logic/adapter-validate';
import type { Adapter, AdapterList, CreateAdapterOrder } from '../../../../../shared/model/adapters';
import { errnoName } from '../../../ffi/libc';
import type { AdapterBackend } from '../../platform';
import { classifyLink } from './link-kind';
import { encodeNewAddr, encodeSetLink, IFF_UP } from './rtnetlink-encode';
import { withRtNetlink } from './rtnetlink-client';
import { parseTunSysfs, type TunSysfs } from './tun-encode';
import { createTunDevice, deleteTunDevice } from './tun-device';
import { readUserDb, resolveId, type IdTable } from './user-db';

const SYS_NET = '/sys/class/net';

function readSys(name: string, file: string): string | null {
  try {
    return fs.readFileSync(`${SYS_NET}/${name}/${file}`, 'utf8');
  } catch {
    return null;
  }
}

/** The sysfs TUN facts of `name`, or null when it is not a TUN/TAP device. */
export function readTunSysfs(name: string): TunSysfs | null {
  const flags = readSys(name, 'tun_flags');
  if (flags === null) return null;
  return parseTunSysfs(flags, readSys(name, 'owner') ?? '-1', readSys(name, 'group') ?? '-1');
}

function listAdapters(): AdapterList {
  const { links, addresses, errors } = withRtNetlink((rt) => rt.dump());
  const takenAt = Date.now();
  const db: { users: IdTable; groups: IdTable } = readUserDb();
  const adapters: Adapter[] = links.map((link) => {
    const tunFacts = readTunSysfs(link.name);
    const kind = classifyLink(link, tunFacts, fs.existsSync(`${SYS_NET}/${link.name}/device`));
    const mine = addresses.filter((a) => a.index === link.index);
    return {
      name: link.name,
      index: link.index,
      kind,
      state: link.operState,
      adminUp: (link.flags & IFF_UP) !== 0,
      // TUN has no link-layer address; the kernel reports none.
      mac: link.mac,
      mtu: link.mtu,
      ipv4: mine.filter((a) => a.family === 4).map(({ address, prefix }) => ({ address, prefix })),
      ipv6: mine.filter((a) => a.family === 6).map(({ address, prefix }) => ({ address, prefix })),
      tun: tunFacts && {
        mode: tunFacts.mode,
        owner: tunFacts.owner,
        ownerName: tunFacts.owner === null ? null : (db.users.byId.get(tunFacts.owner) ?? null),
        group: tunFacts.group,
        groupName: tunFacts.group === null ? null : (db.groups.byId.get(tunFacts.group) ?? null),
        persist: tunFacts.persist,
        flags: tunFacts.flags,
      },
      rxBytes: link.rxBytes,
      txBytes: link.txBytes,
      description: null,
      removable: kind === 'tun' || kind === 'tap',
    };
  });
  adapters.sort((a, b) => a.index - b.index);
  const first = errors[0];
  const decodeErrors = first
    ? { count: errors.length, first: `${first.record} ${first.index}: ${first.field} ${JSON.stringify(first.value)}` }
    : null;
  return { takenAt, adapters, decodeErrors, creatable: { tap: true, tun: true, reasonKey: null } };
}

function resolvePrincipal(table: IdTable, value: string | null | undefined, key: string): number | null {
  if (!value) return null;
  const id = resolveId(table, value);
  if (id === null) throw keyedError(key, { value });
  return id;
}

/** Index of `name` from sysfs (the device was just created, so it is there). */
function ifindex(name: string): number {
  const text = readSys(name, 'ifindex');
  const n = text === null ? NaN : Number.parseInt(text, 10);
  if (!Number.isFinite(n)) throw keyedError('adapters.errors.notFound', { name }, 'ESRCH');
  return n;
}

/** Sets MTU, addresses and up on a new device; the first refusal removes the device again and says why. */
function configure(order: CreateAdapterOrder, flags: number): void {
  const cidrs = parseAddresses(order.addresses);
  if (isProblem(cidrs)) throw keyedError(cidrs.key, cidrs.params);
  const index = ifindex(order.name);
  const steps: { step: string; build: (seq: number) => Uint8Array }[] = [];
  if (order.mtu) steps.push({ step: 'RTM_NEWLINK (MTU)', build: (s) => encodeSetLink(s, index, { mtu: order.mtu }) });
  for (const c of cidrs) {
    const bytes = parseAddressBytes(c.family, c.address);
    if (!bytes) continue;
    steps.push({
      step: `RTM_NEWADDR ${c.address}/${c.prefix}`,
      build: (s) => encodeNewAddr(s, index, bytes, c.prefix),
    });
  }
  if (order.up) steps.push({ step: 'RTM_NEWLINK (up)', build: (s) => encodeSetLink(s, index, { up: true }) });
  withRtNetlink((rt) => {
    for (const { step, build } of steps) {
      const errno = rt.request(build);
      if (errno === 0) continue;
      const reason = `${errnoName(errno)} (errno ${errno})`;
      try {
        deleteTunDevice(order.name, flags);
      } catch {
        // The original failure is what the user needs; a failed rollback leaves a device they can remove here.
      }
      throw keyedError('adapters.errors.rolledBack', { name: order.name, step, reason }, 'INTERNAL');
    }
  });
}

/** The Linux backend. */
export function createLinuxAdapters(): AdapterBackend {
  return {
    list: listAdapters,
    async create(order) {
      const db = readUserDb();
      const owner = resolvePrincipal(db.users, order.owner, 'adapters.input.userUnknown');
      const group = resolvePrincipal(db.groups, order.group, 'adapters.input.groupUnknown');
      createTunDevice({ name: order.name, type: order.type, owner, group });
      configure(order, readTunSysfs(order.name)?.flags ?? 0);
      const made = listAdapters().adapters.find((a) => a.name === order.name);
      if (!made) throw keyedError('adapters.errors.notFound', { name: order.name }, 'ESRCH');
      return made;
    },
    async remove(adapter) {
      deleteTunDevice(adapter.name, adapter.tun?.flags ?? 0);
    },
  };
}
