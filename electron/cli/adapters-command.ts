// `netinspect adapters list|create|remove`: interfaces and TAP/TUN adapters with this user's rights (sudo to change).
import type { Command } from 'commander';
import { languageFromEnv, translate } from '../../shared/i18n/translate';
import { isProblem, parseMtuText } from '../../shared/logic/adapter-validate';
import { addressTexts } from '../../shared/logic/adapter-rates';
import { formatBytes } from '../../shared/logic/format';
import { keyedError } from '../../shared/logic/input-error';
import { escapeControls, jsonText } from '../../shared/logic/terminal-text';
import { renderTextTable } from '../../shared/logic/text-table';
import { ADAPTER_TYPES, type Adapter, type AdapterType } from '../../shared/model/adapters';
import { sudoHint, withCore } from './cli-core';

interface CreateFlags {
  name: string;
  type: string;
  owner?: string;
  group?: string;
  address: string[];
  mtu?: string;
  up?: boolean;
  json?: boolean;
}

const lang = () => languageFromEnv(process.env);

function tunText(a: Adapter): string {
  if (!a.tun) return '';
  const who = (name: string | null, id: number | null) => name ?? (id === null ? '-' : String(id));
  return `${a.tun.mode} owner=${who(a.tun.ownerName, a.tun.owner)} group=${who(a.tun.groupName, a.tun.group)}${a.tun.persist ? ' persist' : ''}`;
}

/** The list as an aligned table, with translated kind and state. */
export function renderAdapterTable(adapters: readonly Adapter[], l = lang()): string {
  const t = (key: string) => translate(l, key);
  const header = ['name', 'kind', 'state', 'mac', 'mtu', 'addresses', 'rx', 'tx', 'tun/tap'].map((c) =>
    c === 'tun/tap' ? t('adapters.columns.tun') : t(`adapters.columns.${c}`),
  );
  const rows = adapters.map((a) => [
    a.name,
    t(`adapters.kind.${a.kind}`),
    t(`adapters.state.${a.state}`),
    a.mac ?? '',
    a.mtu === null ? '' : String(a.mtu),
    addressTexts(a).join(' '),
    formatBytes(a.rxBytes),
    formatBytes(a.txBytes),
    tunText(a),
  ]);
  return `${translate(l, 'adapters.cli.header', { n: adapters.length })}\n${renderTextTable(header, rows)}`;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Registers `adapters` and its subcommands on the program. */
export function registerAdapters(program: Command): void {
  const adapters = program.command('adapters').description('List interfaces; create or remove TAP/TUN adapters');
  adapters
    .command('list')
    .description('Every network interface: kind, state, MAC, MTU, addresses, TUN/TAP owner and counters')
    .option('--json', 'print the list as JSON')
    .action(async (flags: { json?: boolean }) => {
      const list = await withCore({}, (core) => core.call('adapter:list', {}));
      process.stdout.write(`${flags.json ? jsonText(list) : renderAdapterTable(list.adapters)}\n`);
      // On stderr, so the table and the JSON on stdout stay what scripts parse.
      if (list.decodeErrors)
        process.stderr.write(`${escapeControls(translate(lang(), 'adapters.cli.decodeErrors', list.decodeErrors))}\n`);
    });
  adapters
    .command('create')
    .description('Create a persistent TAP or TUN adapter (needs CAP_NET_ADMIN: run with sudo)')
    .requiredOption('--name <name>', 'adapter name, 1-15 letters, digits, -, _ or .')
    .requiredOption('--type <type>', 'tap (Ethernet frames) or tun (IP packets)')
    .option('--owner <user>', 'user name or uid that may open it without privileges')
    .option('--group <group>', 'group name or gid that may open it without privileges')
    .option('--address <cidr>', 'address with prefix, e.g. 10.0.0.1/24 or fd00::1/64 (repeatable)', collect, [])
    .option('--mtu <bytes>', 'MTU, 68-65535')
    .option('--up', 'bring the link up')
    .option('--json', 'print the new adapter as JSON')
    .action(async (flags: CreateFlags) => {
      if (!ADAPTER_TYPES.includes(flags.type as AdapterType)) {
        throw keyedError('adapters.input.type', { value: flags.type });
      }
      let mtu: number | null = null;
      if (flags.mtu !== undefined) {
        const parsed = parseMtuText(flags.mtu);
        if (isProblem(parsed)) throw keyedError(parsed.key, parsed.params);
        mtu = parsed;
      }
      const order = {
        name: flags.name,
        type: flags.type as AdapterType,
        owner: flags.owner ?? null,
        group: flags.group ?? null,
        addresses: flags.address,
        mtu,
        up: flags.up === true,
      };
      const { adapter, viaHelper } = await withCore({}, (core) => core.call('adapter:create', order)).catch(
        (e: unknown) => {
          throw sudoHint(e, 'adapters.cli.needsSudo');
        },
      );
      const line = translate(lang(), 'adapters.cli.created', {
        type: flags.type.toUpperCase(),
        name: adapter.name,
        index: adapter.index,
      });
      process.stdout.write(`${flags.json ? jsonText({ adapter, viaHelper }) : escapeControls(line)}\n`);
    });
  adapters
    .command('remove')
    .description('Remove a TAP/TUN adapter (needs CAP_NET_ADMIN: run with sudo)')
    .argument('<name>', 'adapter name')
    .action(async (name: string) => {
      await withCore({}, (core) => core.call('adapter:remove', { name })).catch((e: unknown) => {
        throw sudoHint(e, 'adapters.cli.needsSudo');
      });
      process.stdout.write(`${translate(lang(), 'adapters.cli.removed', { name })}\n`);
    });
}
