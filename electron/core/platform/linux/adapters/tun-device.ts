// Creating and deleting persistent TUN/TAP devices through /dev/net/tun ioctls (what `ip tuntap` does).
import type { AdapterType } from '../../../../../shared/model/adapters';
import { closeQuietly, ioctlBuffer, ioctlValue, openRw } from '../../../ffi/ioctl';
import { createStepError, openError, removeStepError, type TunStep } from './tun-errors';
import { findTunHolders } from './tun-holders';
import {
  createFlags,
  encodeIfreq,
  reattachFlags,
  TUNSETGROUP,
  TUNSETIFF,
  TUNSETOWNER,
  TUNSETPERSIST,
} from './tun-encode';

const TUN_DEVICE = '/dev/net/tun';

function openTun(): number {
  try {
    return openRw(TUN_DEVICE);
  } catch (e) {
    throw openError(e);
  }
}

/** What to create. */
export interface TunOrder {
  readonly name: string;
  readonly type: AdapterType;
  readonly owner: number | null;
  readonly group: number | null;
}

/**
 * Creates a persistent device: TUNSETIFF (IFF_TUN_EXCL, so an existing name fails instead of being attached),
 * owner and group, then TUNSETPERSIST 1 so it outlives our fd. A failure after TUNSETIFF leaves nothing behind:
 * without the persist flag the kernel deletes the device when the fd closes.
 */
export function createTunDevice(order: TunOrder): void {
  const fd = openTun();
  let step: TunStep = 'TUNSETIFF';
  try {
    ioctlBuffer(fd, TUNSETIFF, encodeIfreq(order.name, createFlags(order.type)), step);
    if (order.owner !== null) {
      step = 'TUNSETOWNER';
      ioctlValue(fd, TUNSETOWNER, order.owner, step);
    }
    if (order.group !== null) {
      step = 'TUNSETGROUP';
      ioctlValue(fd, TUNSETGROUP, order.group, step);
    }
    step = 'TUNSETPERSIST';
    ioctlValue(fd, TUNSETPERSIST, 1, step);
  } catch (e) {
    throw createStepError(e, step, order.name);
  } finally {
    closeQuietly(fd);
  }
}

/**
 * Deletes a persistent device: attach to it by name (same mode flags it has, never EXCL), clear persist, close.
 * The kernel answers EBUSY when a process is attached; the error then names it (from /proc/<pid>/fdinfo).
 */
export function deleteTunDevice(name: string, currentFlags: number): void {
  const fd = openTun();
  let step: TunStep = 'TUNSETIFF';
  try {
    ioctlBuffer(fd, TUNSETIFF, encodeIfreq(name, reattachFlags(currentFlags)), step);
    step = 'TUNSETPERSIST';
    ioctlValue(fd, TUNSETPERSIST, 0, step);
  } catch (e) {
    throw removeStepError(e, step, name, () => findTunHolders(name));
  } finally {
    closeQuietly(fd);
  }
}
