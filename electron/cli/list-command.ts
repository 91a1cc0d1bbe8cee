// `netinspect list`: one snapshot of every socket, filtered, as an aligned table, JSON or CSV.
import type { Command } from 'commander';
import { languageFromEnv } from '../../shared/i18n/translate';
import { listOutput } from '../../shared/logic/list-output';
import { keyedError } from '../../shared/logic/input-error';
import { matchesQuery, parseSocketQuery, type SocketQuery } from '../../shared/logic/socket-query';
import { isElevated } from '../core/platform/elevation';
import { MAX_RESOLVE_ADDRESSES } from '../../shared/model/hosts';
import { listFromRunningTable } from '../core/table-service/table-client';
import { tableListRequest, warmListTried, type WarmListFlags } from './warm-list';
import { tableOnce, type OneShotTable } from '../core/collector/one-shot';
import type { SocketSlices } from '../../shared/logic/diff';
import type { Core } from '../core/app-core';
import type { Socket } from '../../shared/model/socket';
import { withCore } from './cli-core';
import { readListAt, renderListAt } from './list-at';
import { writePieces } from './write-pieces';

/** `list`'s flags: what a running netinspect can answer, and what needs this process. */
interface ListFlags extends WarmListFlags {
  resolve?: boolean;
  at?: string;
  db?: string;
  cold?: boolean;
}

/** How long `list --resolve` waits for reverse DNS answers (ms): names not found by then are left as addresses. */
const RESOLVE_WAIT_MS = 2_000;

/** Turns the flags into a validated query; throws INVALID_INPUT with a one-line reason. */
export function queryFromFlags(f: ListFlags): SocketQuery {
  if (f.json && f.csv) throw keyedError('input.formatConflict');
  return parseSocketQuery(f);
}

/** The kernel's table now, filtered: one snapshot, no core. */
function oneShot(query: SocketQuery): {
  snap: OneShotTable['snap'];
  sockets: SocketSlices;
  names: Map<string, string>;
} {
  const { snap, sockets } = tableOnce((s) => matchesQuery(s, query));
  return { snap, sockets, names: new Map() };
}

/** Host names of the sockets' remote addresses (hosts file, reverse DNS), in batches core accepts. */
async function remoteNames(core: Core, sockets: readonly Socket[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const addresses = [...new Set(sockets.filter((s) => s.remotePort !== 0).map((s) => s.remoteAddress))];
  for (let i = 0; i < addresses.length; i += MAX_RESOLVE_ADDRESSES) {
    const batch = addresses.slice(i, i + MAX_RESOLVE_ADDRESSES);
    const r = await core.call('hosts:resolve', { addresses: batch, waitMs: RESOLVE_WAIT_MS });
    for (const n of r.names) if (n.name !== null) names.set(n.address, n.name);
  }
  return names;
}

/** Registers `list` on the program. */
export function registerList(program: Command): void {
  program
    .command('list')
    .description('List every TCP/UDP socket with its state and owning process')
    .option('--json', 'print JSON (schema netinspect.snapshot/1)')
    .option('--csv', 'print CSV')
    .option('--proto <proto>', 'only tcp or udp')
    .option('--state <list>', 'only these states, comma-separated (e.g. LISTEN,TIME_WAIT; ss names work too)')
    .option('--port <n>', 'only sockets with this local or remote port')
    .option('--port-range <a-b>', 'only sockets with a local or remote port in this range')
    .option('--pid <n>', 'only sockets of this process')
    .option('--resolve', 'show host names of remote addresses (hosts file; reverse DNS for public addresses)')
    .option('--at <time>', 'the table as recorded then: ISO 8601, HH:MM[:SS] today, or -10m')
    .option('--db <file>', "with --at: the recording to read (default: the app's)")
    .option('--cold', 'take a snapshot here, even when a running netinspect could answer from its live table')
    .action(async (flags: ListFlags) => {
      const query = queryFromFlags(flags);
      if (flags.at !== undefined || flags.db !== undefined) {
        const reader = { lang: languageFromEnv(process.env), elevated: isElevated() };
        const out = renderListAt(await readListAt(flags), query, flags, (snap, sockets) =>
          [...listOutput(snap, sockets, flags, reader)].join('').replace(/\n$/, ''),
        );
        if (out.note) process.stderr.write(`${out.note}\n`);
        process.stdout.write(`${out.stdout}\n`);
        return;
      }
      // A netinspect already running for this user (window, serve) answers at once from its live table; the
      // launcher asks it before this bundle loads (warm-list.ts), and this asks when that fast path did not run.
      if (!flags.cold && !flags.resolve && !warmListTried()) {
        if (await listFromRunningTable(tableListRequest(flags), process.stdout)) return;
      }
      // Names need core's resolver; a plain list needs only the kernel's table, taken here with nothing kept.
      const { snap, sockets, names } = flags.resolve
        ? await withCore({ tableOnly: true }, async (core) => {
            const snap = await core.call('sockets:snapshot', {});
            const sockets = snap.sockets.filter((s) => matchesQuery(s, query));
            return { snap, sockets, names: await remoteNames(core, sockets) };
          })
        : oneShot(query);
      const reader = { lang: languageFromEnv(process.env), elevated: isElevated() };
      await writePieces(listOutput(snap, sockets, flags, reader, names), process.stdout);
    });
}
