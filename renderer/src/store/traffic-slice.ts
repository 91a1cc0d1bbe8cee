// Traffic per process for the Processes view: `processes:traffic` asked once per refresh while the view is on
// screen, one request at a time. Views read only `processTraffic`, so a past answer (the timeline) can fill it too.
import type { AppErrorData } from '../../../shared/model/errors';
import type { ProcessTrafficList } from '../../../shared/model/processes';
import { host } from '../api';
import type { Slice } from './types';

export interface TrafficSlice {
  /** The last answer: rows per process, top destinations, the hidden-owners row; null before the first. */
  readonly processTraffic: ProcessTrafficList | null;
  /** Why the last poll failed, shown in the view rather than as a toast each refresh. */
  readonly processTrafficError: AppErrorData | null;
  /** Asks core for the traffic as of its last refresh; skipped while a request is in flight. */
  loadProcessTraffic(): Promise<void>;
  /** Shows a list from elsewhere (a recording read back), as if core had answered it. */
  receiveProcessTraffic(list: ProcessTrafficList): void;
}

export const createTrafficSlice: Slice<TrafficSlice> = (set) => {
  let inFlight = false;
  return {
    processTraffic: null,
    processTrafficError: null,

    async loadProcessTraffic() {
      if (inFlight) return;
      inFlight = true;
      try {
        const r = await host.bridge.invoke('processes:traffic', {});
        set(r.ok ? { processTraffic: r.value, processTrafficError: null } : { processTrafficError: r.error });
      } finally {
        inFlight = false;
      }
    },

    receiveProcessTraffic(processTraffic) {
      set({ processTraffic, processTrafficError: null });
    },
  };
};
