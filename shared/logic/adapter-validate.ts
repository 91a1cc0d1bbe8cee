// Pure checks of a create-adapter request, field by field, as the wizard types and as core receives it.
import type { CreateAdapterOrder } from '../model/adapters';
import { parseIPv4Bytes, parseIPv6Bytes } from './ip-parse';

/** One field's problem: an i18n key (under `adapters.input`) and its params. */
export interface FieldProblem {
  readonly field: 'name' | 'owner' | 'group' | 'addresses' | 'mtu';
  readonly key: string;
  readonly params: Readonly<Record<string, string | number>>;
}

/** Smallest MTU an IPv4 link may have (RFC 791), and the kernel's ceiling for a TUN/TAP device (bytes). */
export const MIN_MTU = 68;
export const MAX_MTU = 65535;
/** IPv6 needs at least this MTU (RFC 8200): below it the kernel turns IPv6 off on the link (bytes). */
export const MIN_MTU_IPV6 = 1280;
/** IFNAMSIZ - 1: Linux interface names are at most 15 bytes. */
export const LINUX_NAME_MAX = 15;
/** Windows connection names: generous, but bounded (characters). */
export const WINDOWS_NAME_MAX = 64;

/** A parsed `address/prefix`. */
export interface Cidr {
  readonly family: 4 | 6;
  readonly address: string;
  readonly prefix: number;
}

const problem = (
  field: FieldProblem['field'],
  key: string,
  params: Readonly<Record<string, string | number>> = {},
): FieldProblem => ({ field, key: `adapters.input.${key}`, params });

/**
 * Problems with an adapter name on `platform` (process.platform values), or null when it is fine. Linux: 1-15
 * letters, digits, `-`, `_`, `.` (the kernel refuses `/`, `:` and whitespace; `.` and `..` are directory names in
 * /sys). Windows: 1-64 characters without control characters or `\ / : * ? " < > |`. `taken` lists existing names.
 */
export function checkAdapterName(name: string, platform: string, taken: readonly string[]): FieldProblem | null {
  if (name.length === 0) return problem('name', 'nameEmpty');
  if (platform === 'win32') {
    if (name.length > WINDOWS_NAME_MAX) return problem('name', 'nameTooLong', { max: WINDOWS_NAME_MAX, value: name });
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must be refused.
    if (/[\u0000-\u001f\\/:*?"<>|]/.test(name)) return problem('name', 'nameCharsWindows', { value: name });
    if (taken.some((t) => t.toLowerCase() === name.toLowerCase())) return problem('name', 'nameTaken', { value: name });
    return null;
  }
  if (name.length > LINUX_NAME_MAX) {
    return problem('name', 'nameTooLong', { max: LINUX_NAME_MAX, value: name, length: name.length });
  }
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) return problem('name', 'nameChars', { value: name });
  if (name === '.' || name === '..') return problem('name', 'nameDots', { value: name });
  if (taken.includes(name)) return problem('name', 'nameTaken', { value: name });
  return null;
}

/** Parses `address/prefix` (IPv4 or IPv6); the problem's key says what is wrong. */
export function parseCidr(text: string): Cidr | FieldProblem {
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  if (slash < 0) return problem('addresses', 'cidrNoPrefix', { value: trimmed });
  const addressText = trimmed.slice(0, slash);
  const prefixText = trimmed.slice(slash + 1);
  const v4 = parseIPv4Bytes(addressText);
  const v6 = v4 ? null : parseIPv6Bytes(addressText);
  if (!v4 && !v6) return problem('addresses', 'cidrAddress', { value: trimmed });
  const family = v4 ? 4 : 6;
  const max = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) {
    return problem('addresses', 'cidrPrefix', { value: trimmed, max });
  }
  return { family, address: addressText.toLowerCase(), prefix: Number(prefixText) };
}

/** True when `x` is a parsed Cidr rather than a problem. */
export function isCidr(x: Cidr | FieldProblem): x is Cidr {
  return 'family' in x;
}

/** Problems with an owner or group given as a name or a numeric id, or null. */
export function checkPrincipal(field: 'owner' | 'group', value: string): FieldProblem | null {
  if (value === '') return null;
  if (/^\d{1,10}$/.test(value)) {
    return Number(value) < 2 ** 32 - 1 ? null : problem(field, 'principalId', { value });
  }
  // POSIX portable user names, plus the trailing $ Samba machine accounts use.
  return /^[A-Za-z_][A-Za-z0-9_.-]{0,31}\$?$/.test(value) ? null : problem(field, 'principalName', { value });
}

/** Problems with an MTU (bytes), given whether an IPv6 address will be set. */
export function checkMtu(mtu: number, hasIpv6: boolean): FieldProblem | null {
  if (!Number.isInteger(mtu) || mtu < MIN_MTU || mtu > MAX_MTU) {
    return problem('mtu', 'mtuRange', { value: mtu, min: MIN_MTU, max: MAX_MTU });
  }
  if (hasIpv6 && mtu < MIN_MTU_IPV6) return problem('mtu', 'mtuIpv6', { value: mtu, min: MIN_MTU_IPV6 });
  return null;
}

/** MTU text as typed: a number, or a problem when it is not a whole number. */
export function parseMtuText(text: string): number | FieldProblem {
  if (!/^\d{1,6}$/.test(text.trim())) return problem('mtu', 'mtuRange', { value: text, min: MIN_MTU, max: MAX_MTU });
  return Number(text.trim());
}

/** True when a parse answered a problem instead of a value. */
export function isProblem<T>(x: T | FieldProblem): x is FieldProblem {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && 'key' in x && 'field' in x;
}

/** Every address parsed, or the first problem (a malformed one, or the same address twice). */
export function parseAddresses(texts: readonly string[]): Cidr[] | FieldProblem {
  const out: Cidr[] = [];
  for (const text of texts) {
    const c = parseCidr(text);
    if (!isCidr(c)) return c;
    if (out.some((o) => o.family === c.family && o.address === c.address)) {
      return problem('addresses', 'cidrDuplicate', { value: text.trim() });
    }
    out.push(c);
  }
  return out;
}

/** Every problem of a whole request, in field order (empty when it may be sent). */
export function checkCreateRequest(
  req: Pick<CreateAdapterOrder, 'name' | 'owner' | 'group' | 'addresses' | 'mtu'>,
  platform: string,
  taken: readonly string[],
): readonly FieldProblem[] {
  const out: FieldProblem[] = [];
  const push = (p: FieldProblem | null) => {
    if (p) out.push(p);
  };
  push(checkAdapterName(req.name, platform, taken));
  if (req.owner) push(checkPrincipal('owner', req.owner));
  if (req.group) push(checkPrincipal('group', req.group));
  const addresses = parseAddresses(req.addresses);
  if (isProblem(addresses)) out.push(addresses);
  const hasIpv6 = !isProblem(addresses) && addresses.some((a) => a.family === 6);
  if (req.mtu !== null && req.mtu !== undefined) push(checkMtu(req.mtu, hasIpv6));
  return out;
}
