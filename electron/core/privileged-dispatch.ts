// Runs a privileged operation with this process's rights first, and through the helper when those fall short.
import { AppError } from '../../shared/model/errors';
import type { Request, Response } from '../../shared/contract';
import type { PrivilegeBroker, PrivilegedChannel } from './privilege/broker';

/**
 * `local()` first; when it fails with NEEDS_ELEVATION and the helper is up, the same request goes to the helper
 * (which validates it again). Without a helper the NEEDS_ELEVATION error reaches the user, who can elevate.
 */
export async function withElevation<C extends PrivilegedChannel>(
  broker: PrivilegeBroker,
  channel: C,
  request: Request<C>,
  local: () => Promise<Omit<Response<C>, 'viaHelper'>>,
): Promise<Response<C>> {
  try {
    return { ...(await local()), viaHelper: false } as Response<C>;
  } catch (e) {
    if (e instanceof AppError && e.code === 'NEEDS_ELEVATION' && broker.available) {
      return { ...(await broker.run(channel, request)), viaHelper: true } as Response<C>;
    }
    throw e;
  }
}
