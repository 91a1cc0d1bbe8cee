// Core handlers of adapter:list / create / remove; create and remove go through the helper when not elevated.
import type { Handlers } from '../handlers';
import { runPrivileged } from '../privileged-ops';
import type { CoreServices } from '../services';

type AdapterChannel = 'adapter:list' | 'adapter:create' | 'adapter:remove';

/** The adapter channels' handlers, spread into the handler table. */
export function createAdapterHandlers(s: CoreServices): Pick<Handlers, AdapterChannel> {
  return {
    'adapter:list': () => s.adapters.list(),
    'adapter:create': (req) => runPrivileged(s.privileged, s.broker, 'adapter:create', req),
    'adapter:remove': (req) => runPrivileged(s.privileged, s.broker, 'adapter:remove', req),
  };
}
