// The filter syntax checked strictly: what a report and the window's filter bar refuse, with the reason to show.
import { MAX_PID } from '../model/actions';
import { MAX_FILTER_CHARS } from '../model/report';
import { SOCKET_STATES } from '../model/socket';
import { keyedError } from './input-error';
import { parseState } from './socket-query';

/** What is wrong with a filter: an i18n key (under `filterCheck`) and its params. */
export interface FilterProblem {
  readonly key: string;
  readonly params: Readonly<Record<string, string | number>>;
}

/** The `key:` words of the syntax (see shared/logic/filter.ts); `port:` also reads as a bare `:8080`. */
export const FILTER_KEYS = ['port', 'state', 'pid', 'proto', 'process'] as const;
const PROTOS = new Set(['tcp', 'udp', 'tcp4', 'tcp6', 'udp4', 'udp6']);
/** IPv4/IPv6 fragments and endpoints (`::1`, `dead:beef::`, `[::1]:443`): searched as text, never keys. */
const ADDRESS_LIKE = /^[0-9a-f:.[\]%]+$/i;

const problem = (key: string, params: Readonly<Record<string, string | number>>): FilterProblem => ({
  key: `filterCheck.${key}`,
  params,
});

function checkPort(value: string, token: string): FilterProblem | null {
  // Port 0 is what listeners show as their remote port: a legitimate thing to filter on.
  return /^\d{1,5}$/.test(value) && Number(value) <= 65535 ? null : problem('port', { token });
}

function checkKeyed(key: string, value: string, token: string): FilterProblem | null {
  if (value === '') return problem('emptyValue', { token });
  switch (key) {
    case 'port':
      return checkPort(value, token);
    case 'state':
      try {
        parseState(value);
        return null;
      } catch {
        return problem('state', { token, value, allowed: SOCKET_STATES.join(', ') });
      }
    case 'pid':
      return /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= MAX_PID ? null : problem('pid', { token });
    case 'proto':
      return PROTOS.has(value.toLowerCase()) ? null : problem('proto', { token });
    default:
      return null;
  }
}

function checkToken(raw: string): FilterProblem | null {
  const token = raw.startsWith('!') && raw.length > 1 ? raw.slice(1) : raw;
  if (/^:\d+$/.test(token)) return checkPort(token.slice(1), raw);
  const colon = token.indexOf(':');
  if (colon <= 0) return null;
  const key = token.slice(0, colon);
  if ((FILTER_KEYS as readonly string[]).includes(key.toLowerCase())) {
    return checkKeyed(key.toLowerCase(), token.slice(colon + 1), raw);
  }
  // `word:...` names a key we do not have; an address with a colon is a text search.
  if (/^[a-z][a-z0-9_-]*$/i.test(key) && !ADDRESS_LIKE.test(token)) {
    return problem('unknownKey', { token: raw, key, allowed: FILTER_KEYS.map((k) => `${k}:`).join(' ') });
  }
  return null;
}

/**
 * The first problem of filter-box text, or null when every term is valid: longer than MAX_FILTER_CHARS, an
 * unknown `key:`, a key without a value, an unknown state, a port outside 0..65535, a pid outside 1..MAX_PID, or
 * a protocol other than tcp/udp (with 4 or 6). Plain words stay free-text searches.
 */
export function checkFilter(text: string): FilterProblem | null {
  if (text.length > MAX_FILTER_CHARS) return problem('tooLong', { max: MAX_FILTER_CHARS, length: text.length });
  for (const raw of text.split(/\s+/)) {
    if (raw === '') continue;
    const p = checkToken(raw);
    if (p) return p;
  }
  return null;
}

/** Throws checkFilter's problem as a keyed INVALID_INPUT (what core answers a report with a bad filter). */
export function assertFilter(text: string): void {
  const p = checkFilter(text);
  if (p) throw keyedError(p.key, p.params);
}
