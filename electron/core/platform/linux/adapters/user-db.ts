// Users and groups from /etc/passwd and /etc/group: names to ids for TUNSETOWNER/GROUP, ids to names for the view.
import fs from 'node:fs';

/** name <-> id of one database (passwd or group). */
export interface IdTable {
  readonly byName: ReadonlyMap<string, number>;
  readonly byId: ReadonlyMap<number, string>;
}

/** Parses passwd- or group-format text (`name:x:id:...`); malformed lines are skipped. */
export function parseIdTable(text: string): IdTable {
  const byName = new Map<string, number>();
  const byId = new Map<number, string>();
  for (const line of text.split('\n')) {
    const [name, , idText] = line.split(':');
    if (!name || !idText || !/^\d+$/.test(idText)) continue;
    const id = Number(idText);
    if (!byName.has(name)) byName.set(name, id);
    if (!byId.has(id)) byId.set(id, name);
  }
  return { byName, byId };
}

function read(file: string): IdTable {
  try {
    return parseIdTable(fs.readFileSync(file, 'utf8'));
  } catch {
    return parseIdTable('');
  }
}

/**
 * The local user and group databases. Accounts that only exist in LDAP/SSSD are not listed here: give those as
 * numeric ids.
 */
export function readUserDb(): { users: IdTable; groups: IdTable } {
  return { users: read('/etc/passwd'), groups: read('/etc/group') };
}

/** The id of `value` (a name, or digits taken as the id itself), or null when the name is unknown. */
export function resolveId(table: IdTable, value: string): number | null {
  if (/^\d+$/.test(value)) return Number(value);
  return table.byName.get(value) ?? null;
}
