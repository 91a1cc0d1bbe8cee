// Filter-box language for the socket table: a pure parser and matcher, shared so the CLI can accept the same syntax.
import type { Socket } from '../model/socket';
import { parseState } from './socket-query';

/**
 * What the filter reads of a row: a live socket has all of it, and so does a closed connection through its adapter
 * (shared/logic/connections/closed-filter.ts), so both tables speak one filter language.
 */
export type FilterSubject = Pick<
  Socket,
  'proto' | 'family' | 'state' | 'localAddress' | 'localPort' | 'remoteAddress' | 'remotePort' | 'pid' | 'process'
> & {
  /** Every process sharing the socket (forked workers); a closed connection knows only the one it logged. */
  readonly owners?: Socket['owners'];
};

/** One parsed filter term; `negate` comes from a leading `!`. */
export type FilterTerm =
  | { readonly kind: 'port'; readonly port: number; readonly negate: boolean }
  | { readonly kind: 'state'; readonly state: string; readonly negate: boolean }
  | { readonly kind: 'pid'; readonly pid: number; readonly negate: boolean }
  | { readonly kind: 'proto'; readonly proto: string; readonly negate: boolean }
  | { readonly kind: 'process'; readonly text: string; readonly negate: boolean }
  | { readonly kind: 'text'; readonly text: string; readonly negate: boolean };

/** The checkbox toggles next to the filter box. */
export interface FilterToggles {
  readonly tcp: boolean;
  readonly udp: boolean;
  readonly ipv4: boolean;
  readonly ipv6: boolean;
  /** Only TCP LISTEN and unconnected UDP sockets (what `ss -l` shows). */
  readonly listeningOnly: boolean;
}

/** Toggles that let every socket through. */
export const DEFAULT_TOGGLES: FilterToggles = { tcp: true, udp: true, ipv4: true, ipv6: true, listeningOnly: false };

/** Normalizes a state as users type it: `close-wait`, `Close_Wait` -> `CLOSE_WAIT`. */
export function normalizeState(text: string): string {
  return text.trim().toUpperCase().replaceAll('-', '_');
}

/** The canonical state for `value`, ss aliases included (`estab`); as typed, normalized, while it is unknown. */
function stateOf(value: string): string {
  try {
    return parseState(value);
  } catch {
    return normalizeState(value);
  }
}

function parseTerm(raw: string): FilterTerm {
  const negate = raw.startsWith('!') && raw.length > 1;
  const token = negate ? raw.slice(1) : raw;
  const lower = token.toLowerCase();
  const port = /^(?:port)?:(\d{1,5})$/.exec(lower);
  if (port && Number(port[1]) <= 65535) return { kind: 'port', port: Number(port[1]), negate };
  const colon = lower.indexOf(':');
  const key = colon > 0 ? lower.slice(0, colon) : '';
  const value = colon > 0 ? token.slice(colon + 1) : '';
  if (value !== '') {
    if (key === 'state') return { kind: 'state', state: stateOf(value), negate };
    if (key === 'pid' && /^\d+$/.test(value)) return { kind: 'pid', pid: Number(value), negate };
    if (key === 'proto') return { kind: 'proto', proto: value.toLowerCase(), negate };
    if (key === 'process') return { kind: 'process', text: value.toLowerCase(), negate };
  }
  return { kind: 'text', text: lower, negate };
}

/** Splits filter-box text on whitespace into terms; all terms must match (AND). */
export function parseFilter(text: string): FilterTerm[] {
  return text
    .split(/\s+/)
    .filter((t) => t !== '')
    .map(parseTerm);
}

function protoMatches(s: FilterSubject, proto: string): boolean {
  // `tcp6` / `udp4` narrow by family as well, as netstat users type them.
  if (proto === s.proto) return true;
  return proto === `${s.proto}${s.family}`;
}

/**
 * The host name of a remote address where one is known (reverse DNS, the hosts file), so a term matches the name
 * the table shows as well as the address.
 */
export type HostNameLookup = (address: string) => string | undefined;

/** True when the socket's process, or any other process sharing it (forked workers), has a name containing `text`. */
function processMatches(s: FilterSubject, text: string): boolean {
  if (s.process !== null && s.process.toLowerCase().includes(text)) return true;
  const owners = s.owners ?? [];
  return owners.length > 1 && owners.some((o) => o.process !== null && o.process.toLowerCase().includes(text));
}

function textMatches(s: FilterSubject, text: string, names: HostNameLookup | undefined): boolean {
  return (
    processMatches(s, text) ||
    s.localAddress.toLowerCase().includes(text) ||
    s.remoteAddress.toLowerCase().includes(text) ||
    (names?.(s.remoteAddress)?.toLowerCase().includes(text) ?? false) ||
    String(s.localPort).includes(text) ||
    String(s.remotePort).includes(text) ||
    s.state.toLowerCase().includes(text.replaceAll('-', '_'))
  );
}

function termMatches(s: FilterSubject, term: FilterTerm, names: HostNameLookup | undefined): boolean {
  switch (term.kind) {
    case 'port':
      return s.localPort === term.port || s.remotePort === term.port;
    case 'state':
      return s.state === term.state;
    case 'pid':
      // A listener shared by a master and its workers belongs to each of them.
      return s.pid === term.pid || (s.owners?.some((o) => o.pid === term.pid) ?? false);
    case 'proto':
      return protoMatches(s, term.proto);
    case 'process':
      return processMatches(s, term.text);
    case 'text':
      return textMatches(s, term.text, names);
  }
}

/** True when the socket passes the toggles. */
export function matchesToggles(s: FilterSubject, t: FilterToggles): boolean {
  if (s.proto === 'tcp' ? !t.tcp : !t.udp) return false;
  if (s.family === 4 ? !t.ipv4 : !t.ipv6) return false;
  if (t.listeningOnly && s.state !== 'LISTEN' && s.state !== 'UNCONN') return false;
  return true;
}

/** True when the socket matches every term; free text also matches remote host names `names` knows. */
export function matchesTerms(s: FilterSubject, terms: readonly FilterTerm[], names?: HostNameLookup): boolean {
  for (const term of terms) if (termMatches(s, term, names) === term.negate) return false;
  return true;
}

/**
 * Builds one predicate from filter-box text and toggles, parsing once for a whole table. With `names`, free text
 * matches a remote address's host name too (the table shows names when "Resolve addresses" is on).
 */
export function compileFilter(
  text: string,
  toggles: FilterToggles = DEFAULT_TOGGLES,
  names?: HostNameLookup,
): (s: FilterSubject) => boolean {
  const terms = parseFilter(text);
  return (s) => matchesToggles(s, toggles) && matchesTerms(s, terms, names);
}
