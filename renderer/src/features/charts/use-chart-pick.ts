// Clicking a point of a chart shows the table recorded at that time (the timeline's viewAt), when there is a recording.
import type { MouseHandlerDataParam } from 'recharts';
import { useStore } from '../../store/index';

/** The charts' onClick: the clicked point's time (the x value, ms since epoch) becomes the time viewed. */
export function useChartPick(): ((state: MouseHandlerDataParam) => void) | undefined {
  const viewAt = useStore((s) => s.viewAt);
  const recorded = useStore((s) => s.recording?.range != null);
  if (!recorded) return undefined;
  return (state) => {
    const t = Number(state.activeLabel);
    if (Number.isFinite(t) && t > 0) void viewAt(t);
  };
}
