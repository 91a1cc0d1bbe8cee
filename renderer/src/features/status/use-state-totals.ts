// Socket counts per state, recomputed once per applied delta.
import { useMemo } from 'react';
import { SOCKET_STATES, type SocketState } from '../../../../shared/model/socket';
import { useStore } from '../../store/index';
import { shownTable } from '../../store/timeline-slice';

/** [state, count] for every state that has sockets, in the order connections move through them. */
export function useStateTotals(): readonly (readonly [SocketState, number])[] {
  const version = useStore((s) => s.version);
  const table = useStore(shownTable);
  return useMemo(() => {
    const counts = new Map<SocketState, number>();
    for (const s of table.values()) counts.set(s.state, (counts.get(s.state) ?? 0) + 1);
    return SOCKET_STATES.filter((st) => counts.has(st)).map((st) => [st, counts.get(st) ?? 0] as const);
    // `version` stands for in-place changes of `table`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version, table]);
}
