// `netinspect list`: one snapshot of every socket, filtered, as an aligned table, JSON or CSV.
import { renderSocketTextTable, SOCKET_CSV_COLUMNS } from '../../shared/logic/socket-text';
import type { Command } from 'commander';
import {
  matchesQuery,
  parsePid,
  parsePort,
  parsePortRange,
  parseProto,
  parseStates,
  type SocketQuery,
} from '../../shared/logic/socket-query';
import { renderCsv } from '../../shared/logic/text-table';
import { jsonText } from '../../shared/logic/terminal-text';
import { keyedError } from '../../shared/logic/input-error';
import { translate, languageFromEnv } from '../../shared/i18n/translate';
import type { RawSnapshot } from '../../shared/model/snapshot';
import type { RawSocket } from '../../shared/model/socket';
import { createCollector } from '../core/platform/index';
import { isElevated } from '../core/privilege/elevation';
import { hiddenOwnersNote } from '../../shared/logic/owner-note';

interface ListFlags {
  json?: boolean;
  csv?: boolean;
  proto?: string;
  state?: string;
  port?: string;
  portRange?: string;
  pid?: string;
}

/** Turns the flags into a validated query; throws INVALID_INPUT with a one-line reason. */
export function queryFromFlags(f: ListFlags): SocketQuery {
  if (f.json && f.csv) throw keyedError('input.formatConflict');
  return {
    ...(f.proto !== undefined && { proto: parseProto(f.proto) }),
    ...(f.state !== undefined && { states: parseStates(f.state) }),
    ...(f.port !== undefined && { port: parsePort(f.port) }),
    ...(f.portRange !== undefined && { portRange: parsePortRange(f.portRange) }),
    ...(f.pid !== undefined && { pid: parsePid(f.pid) }),
  };
}

/** The three output forms of `list`. */
export function renderList(snap: RawSnapshot, sockets: readonly RawSocket[], f: ListFlags): string {
  if (f.json) {
    return jsonText({
      schema: 'netinspect.snapshot/1',
      takenAt: snap.takenAt,
      source: snap.source,
      ownerVisibility: snap.ownerVisibility,
      hiddenOwners: snap.hiddenOwners,
      sockets,
    });
  }
  if (f.csv)
    return renderCsv(
      SOCKET_CSV_COLUMNS,
      sockets.map((s) => SOCKET_CSV_COLUMNS.map((k) => s[k])),
    );
  const table = renderSocketTextTable(sockets);
  const owners = hiddenOwnersNote(isElevated(), snap.hiddenOwners);
  const note = owners ? `\n${translate(languageFromEnv(process.env), owners.key, owners.params)}` : '';
  return `${table}${note}`;
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
    .action((flags: ListFlags) => {
      const query = queryFromFlags(flags);
      // One-shot: the CLI calls the collector in its own process (a native crash ends only this command).
      const collector = createCollector();
      try {
        const snap = collector.snapshot();
        const sockets = snap.sockets.filter((s) => matchesQuery(s, query));
        process.stdout.write(`${renderList(snap, sockets, flags)}\n`);
      } finally {
        collector.close();
      }
    });
}
