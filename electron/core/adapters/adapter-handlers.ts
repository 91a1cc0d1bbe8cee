// Core handlers of adapter:list / create / remove; create and remove go through the helper when not elevated.
import type { Handlers } from '../handlers';
import { withElevation } from '../privileged-dispatch';
import type { CoreServices } from '../services';

type AdapterChannel = 'adapter:list' | 'adapter:create' | 'adapter:remove';

/** The adapter channels' handlers, spread into the handler table. */
export function createAdapterHandlers(s: CoreServices): Pick<Handlers, AdapterChannel> {
  return {
    'adapter:list': () => s.adapters.list(),
    'adapter:create': (req) =>
      withElevation(s.broker, 'adapter:create', req, async () => ({ adapter: await s.adapters.create(req) })),
    'adapter:remove': (req) =>
      withElevation(s.broker, 'adapter:remove', req, async () => {
        await s.adapters.remove(req.name);
        return { name: req.name, removed: true as const };
      }),
  };
}
