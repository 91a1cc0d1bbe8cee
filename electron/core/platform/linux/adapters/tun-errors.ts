// errno of a TUN/TAP or rtnetlink step -> the keyed, translated app error the user sees.
import { keyedError } from '../../../../../shared/logic/input-error';
import { ErrnoError } from '../../../ffi/libc';
import type { TunHolder } from './tun-holders';

/** Steps named in messages, so a failure says where it happened. */
export type TunStep =
  'open /dev/net/tun' | 'TUNSETIFF' | 'TUNSETOWNER' | 'TUNSETGROUP' | 'TUNSETPERSIST' | 'RTM_NEWLINK' | 'RTM_NEWADDR';

/** The symbolic errno of a thrown value, or null when it is not an ErrnoError. */
export function errnoCode(e: unknown): string | null {
  return e instanceof ErrnoError ? e.code : null;
}

/** Opening /dev/net/tun failed: missing device -> NOT_SUPPORTED with what to do; denied -> NEEDS_ELEVATION. */
export function openError(e: unknown): unknown {
  const code = errnoCode(e);
  if (code === 'ENOENT' || code === 'ENODEV' || code === 'ENXIO') {
    return keyedError('adapters.errors.noTunDevice', {}, 'NOT_SUPPORTED');
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return keyedError('adapters.errors.tunDenied', { reason: code }, 'NEEDS_ELEVATION');
  }
  return e;
}

/** A create step failed (before anything exists, or while configuring what was just made). */
export function createStepError(e: unknown, step: TunStep, name: string): unknown {
  const code = errnoCode(e);
  if (code === null) return e;
  if (code === 'EPERM' || code === 'EACCES') return keyedError('adapters.errors.needsElevation', {}, 'NEEDS_ELEVATION');
  // With IFF_TUN_EXCL an existing name is EBUSY; a race with another creator can also give EEXIST.
  if (step === 'TUNSETIFF' && (code === 'EBUSY' || code === 'EEXIST')) {
    return keyedError('adapters.errors.exists', { name }, 'INVALID_INPUT');
  }
  return keyedError(
    'adapters.errors.failed',
    { name, step, reason: `${code} (errno ${(e as ErrnoError).errno})` },
    'INTERNAL',
  );
}

/** A remove step failed; EBUSY names the processes attached to the device. */
export function removeStepError(e: unknown, step: TunStep, name: string, holders: () => readonly TunHolder[]): unknown {
  const code = errnoCode(e);
  if (code === null) return e;
  if (code === 'EPERM' || code === 'EACCES') return keyedError('adapters.errors.needsElevation', {}, 'NEEDS_ELEVATION');
  if (code === 'EBUSY') {
    const list = holders();
    if (list.length === 0) return keyedError('adapters.errors.busyUnknown', { name }, 'REFUSED');
    const text = list.map((h) => `${h.name} (pid ${h.pid})`).join(', ');
    return keyedError('adapters.errors.busy', { name, holders: text }, 'REFUSED');
  }
  if (code === 'ENODEV' || code === 'ENOENT') return keyedError('adapters.errors.notFound', { name }, 'ESRCH');
  return keyedError(
    'adapters.errors.failed',
    { name, step, reason: `${code} (errno ${(e as ErrnoError).errno})` },
    'INTERNAL',
  );
}
