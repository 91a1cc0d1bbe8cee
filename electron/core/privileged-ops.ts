// The privileged operations, run with this process's rights: the same code answers core's own attempt and, when that
// falls short, the privileged helper's (which validates the request again with the same schema).
import type { z } from 'zod';
import type { PRIVILEGED_CHANNELS, Request, Response, channels } from '../../shared/contract';
import { AppError } from '../../shared/model/errors';
import type { AdapterService } from './adapters/adapter-service';
import type { Platform } from './platform/platform';
import type { PrivilegeBroker } from './privilege/broker';

/** A channel that may need elevation (and that the helper accepts). */
export type PrivilegedChannel = (typeof PRIVILEGED_CHANNELS)[number];

/** One runner per privileged channel: a validated request in, the answer without `viaHelper` out. */
export type PrivilegedOps = {
  readonly [C in PrivilegedChannel]: (
    request: z.output<(typeof channels)[C]['request']>,
  ) => Promise<Omit<Response<C>, 'viaHelper'>>;
};

/** The privileged operations over a platform and the adapter service built on it. */
export function createPrivilegedOps(platform: Platform, adapters: AdapterService): PrivilegedOps {
  return {
    'process:kill': (req) => platform.processes.kill(req),
    'socket:close': async (req) => platform.connections.close(req),
    'adapter:create': async (req) => ({ adapter: await adapters.create(req) }),
    'adapter:remove': async (req) => {
      await adapters.remove(req.name);
      return { name: req.name, removed: true as const };
    },
  };
}

/**
 * Runs `channel` with this process's rights first; when that fails with NEEDS_ELEVATION and the helper is up, the
 * same request goes to the helper (which validates it again). Without a helper the NEEDS_ELEVATION error reaches
 * the user, who can elevate.
 */
export async function runPrivileged<C extends PrivilegedChannel>(
  ops: PrivilegedOps,
  broker: PrivilegeBroker,
  channel: C,
  request: z.output<(typeof channels)[C]['request']>,
): Promise<Response<C>> {
  const local = ops[channel] as (r: typeof request) => Promise<Omit<Response<C>, 'viaHelper'>>;
  try {
    return { ...(await local(request)), viaHelper: false } as Response<C>;
  } catch (e) {
    if (e instanceof AppError && e.code === 'NEEDS_ELEVATION' && broker.available) {
      return { ...(await broker.run(channel, request as Request<C>)), viaHelper: true } as Response<C>;
    }
    throw e;
  }
}
