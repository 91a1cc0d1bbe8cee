// What `netinspect list` prints, in pieces: JSON (netinspect.snapshot/1), CSV or the aligned table with its notes.
import type { UiLanguage } from '../i18n/index';
import { translate } from '../i18n/translate';
import type { Snapshot } from '../model/snapshot';
import type { Socket } from '../model/socket';
import type { SocketSlices } from './diff';
import { jsonChunks } from './json-chunks';
import { hiddenOwnersNote } from './owner-note';
import { SOCKET_TABLE_FIELDS } from './socket-fields';
import { renderSocketTextTable } from './socket-text';
import { jsonText } from './terminal-text';
import { renderCsv } from './text-table';

/** The output form and extras `list` was asked for. */
export interface ListFormat {
  readonly json?: boolean;
  readonly csv?: boolean;
  /** Add each socket's remote host name (`remoteName`, a column in CSV, `name:port` in the table). */
  readonly resolve?: boolean;
}

/** Where the table came from, when not from a snapshot of this process's own (see warm-table). */
export interface ListOrigin {
  /** The netinspect that answered: the window ('electron'), `serve` ('browser') or a CLI recorder ('cli'). */
  readonly host: string;
  readonly pid: number;
  /** Age of its table when it answered (ms). */
  readonly ageMs: number;
}

/** Facts the text form's notes need about the reader. */
export interface ListReader {
  readonly lang: UiLanguage;
  /** Whether the sockets were read with administrator rights (what the hidden-owner note says). */
  readonly elevated: boolean;
}

/** The JSON output's properties before `sockets`; `table` says whose table it is (see listOutput). */
export function listJsonHead(
  snap: Pick<Snapshot, 'takenAt' | 'source' | 'ownerVisibility' | 'hiddenOwners'>,
  origin: ListOrigin | null,
): Record<string, unknown> {
  return {
    schema: 'netinspect.snapshot/1',
    takenAt: snap.takenAt,
    source: snap.source,
    table: origin ? { kind: 'warm', ...origin } : { kind: 'snapshot' },
    ownerVisibility: snap.ownerVisibility,
    hiddenOwners: snap.hiddenOwners,
  };
}

/**
 * The output in order, ending with a newline. JSON has the snapshot's facts then `sockets`; with an `origin`,
 * `table` says which running netinspect's live table answered ({kind: 'warm', host, pid, ageMs}), else it is
 * {kind: 'snapshot'}: this process read the kernel itself.
 */
export function* listOutput(
  snap: Pick<Snapshot, 'takenAt' | 'source' | 'ownerVisibility' | 'hiddenOwners'>,
  table: SocketSlices,
  f: ListFormat,
  reader: ListReader,
  names: ReadonlyMap<string, string> = new Map(),
  origin: ListOrigin | null = null,
): Generator<string> {
  const remoteName = (s: Socket): string | null => names.get(s.remoteAddress) ?? null;
  if (f.json) {
    const head = listJsonHead(snap, origin);
    if (!f.resolve) yield* jsonChunks(head, 'sockets', table);
    else {
      const sockets = table.slice();
      // One socket at a time: a copy of each with its name added would cost more than the text itself.
      const open = jsonText({ ...head, sockets: [] });
      yield open.slice(0, -2);
      for (let i = 0; i < sockets.length; i++) {
        const s = jsonText(sockets[i]);
        yield `${i > 0 ? ',' : ''}${s.slice(0, -1)},"remoteName":${jsonText(remoteName(sockets[i]))}}`;
      }
      yield ']}';
    }
    yield '\n';
    return;
  }
  const sockets = table.slice();
  if (f.csv) {
    const columns = f.resolve ? [...SOCKET_TABLE_FIELDS, 'remoteName'] : SOCKET_TABLE_FIELDS;
    yield renderCsv(
      columns,
      sockets.map((s) => [...SOCKET_TABLE_FIELDS.map((k) => s[k]), ...(f.resolve ? [remoteName(s)] : [])]),
    );
    yield '\n';
    return;
  }
  yield renderSocketTextTable(sockets, names);
  const owners = hiddenOwnersNote(reader.elevated, snap.hiddenOwners);
  if (owners) yield `\n${translate(reader.lang, owners.key, owners.params)}`;
  if (origin) {
    const host = translate(reader.lang, `speed.host.${origin.host}`, {}, origin.host);
    const params = { host, pid: origin.pid, age: (origin.ageMs / 1000).toFixed(1) };
    yield `\n${translate(reader.lang, 'speed.warmTable', params)}`;
  }
  yield '\n';
}
