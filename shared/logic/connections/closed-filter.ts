// The table's filter language over the Connections log: a closed connection is read as the socket it was, in the
// state it closed in, so `:8080 state:time_wait process:node` means the same in both tables.
import type { ClosedConnection } from '../../model/connections';
import { compileFilter, DEFAULT_TOGGLES, type FilterSubject, type FilterToggles } from '../filter';

/** The fields the filter reads, from a closed connection (its final state stands for the state). */
export function closedAsSubject(c: ClosedConnection): FilterSubject {
  return {
    proto: c.proto,
    family: c.family,
    state: c.finalState,
    localAddress: c.localAddress,
    localPort: c.localPort,
    remoteAddress: c.remoteAddress,
    remotePort: c.remotePort,
    pid: c.pid,
    process: c.process,
  };
}

/** One predicate over closed connections from filter-box text (syntax of shared/logic/filter.ts), parsed once. */
export function compileClosedFilter(
  text: string,
  toggles: FilterToggles = DEFAULT_TOGGLES,
): (c: ClosedConnection) => boolean {
  const pass = compileFilter(text, toggles);
  return (c) => pass(closedAsSubject(c));
}
