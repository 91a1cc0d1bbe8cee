// Pure TUN/TAP ioctl facts (linux/if_tun.h): request numbers, IFF_* flags, the 40-byte ifreq, sysfs tun_flags.
import type { AdapterType } from '../../../../../shared/model/adapters';

/** _IOW('T', 202, int) and friends; the same on x86-64 and arm64 (asm-generic ioctl encoding). */
export const TUNSETIFF = 0x400454ca;
export const TUNSETPERSIST = 0x400454cb;
export const TUNSETOWNER = 0x400454cc;
export const TUNSETGROUP = 0x400454ce;

export const IFF_TUN = 0x0001;
export const IFF_TAP = 0x0002;
export const IFF_MULTI_QUEUE = 0x0100;
export const IFF_PERSIST = 0x0800;
export const IFF_NO_PI = 0x1000;
/** Fail with EBUSY instead of attaching when the name exists: creation never grabs someone else's device. */
export const IFF_TUN_EXCL = 0x8000;
export const IFF_VNET_HDR = 0x4000;

/** sizeof(struct ifreq) on 64-bit Linux; the name is IFNAMSIZ (16) bytes, flags a short at 16. */
export const IFREQ_LEN = 40;
export const IFNAMSIZ = 16;

const LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The ifreq TUNSETIFF reads: `name` (ASCII, NUL-terminated, at most 15 bytes) and `flags` (host-order s16). */
export function encodeIfreq(name: string, flags: number): Uint8Array {
  const bytes = new TextEncoder().encode(name);
  if (bytes.length === 0 || bytes.length >= IFNAMSIZ)
    throw new RangeError(`interface name "${name}" is not 1-15 bytes`);
  const out = new Uint8Array(IFREQ_LEN);
  out.set(bytes, 0);
  new DataView(out.buffer).setInt16(16, (flags << 16) >> 16, LE);
  return out;
}

/** The interface name the kernel wrote back into an ifreq (it may differ when a `%d` template was given). */
export function decodeIfreqName(buf: Uint8Array): string {
  const end = buf.indexOf(0);
  return new TextDecoder().decode(buf.subarray(0, end < 0 || end > IFNAMSIZ ? IFNAMSIZ : end));
}

/** TUNSETIFF flags to create a device of `type`: no packet-info header, and never attach to an existing one. */
export function createFlags(type: AdapterType): number {
  return (type === 'tap' ? IFF_TAP : IFF_TUN) | IFF_NO_PI | IFF_TUN_EXCL;
}

/**
 * TUNSETIFF flags to reattach to an existing device whose sysfs tun_flags are `current`: the kernel insists the
 * mode and multi-queue bit match, and rewrites the feature bits from these, so keep them as they were.
 */
export function reattachFlags(current: number): number {
  return current & (IFF_TUN | IFF_TAP | IFF_NO_PI | IFF_MULTI_QUEUE | IFF_VNET_HDR);
}

/** Parsed /sys/class/net/<name>/{tun_flags,owner,group}: mode, persist bit, and -1 -> null ids. */
export interface TunSysfs {
  readonly mode: AdapterType;
  readonly persist: boolean;
  readonly flags: number;
  readonly owner: number | null;
  readonly group: number | null;
}

/** Reads the sysfs texts (`0x1802\n`, `65534\n`, `-1\n`); null when tun_flags is not a number. */
export function parseTunSysfs(flagsText: string, ownerText: string, groupText: string): TunSysfs | null {
  const flags = Number.parseInt(flagsText.trim(), 16);
  if (!Number.isFinite(flags)) return null;
  const id = (t: string): number | null => {
    const n = Number.parseInt(t.trim(), 10);
    return Number.isFinite(n) && n >= 0 ? n : null;
  };
  return {
    mode: flags & IFF_TAP ? 'tap' : 'tun',
    persist: (flags & IFF_PERSIST) !== 0,
    flags,
    owner: id(ownerText),
    group: id(groupText),
  };
}
