// The one bound store, built from slices (zustand's slices pattern).
import { create } from 'zustand';
import { createActionsSlice } from './actions-slice';
import { createAdaptersSlice } from './adapters-slice';
import { createAlertsSlice } from './alerts-slice';
import { createChartsSlice } from './charts-slice';
import { createConnectionsSlice } from './connections-slice';
import { createDiagnosisSlice } from './diagnosis-slice';
import { createPrivilegeSlice } from './privilege-slice';
import { createReportSlice } from './report-slice';
import { createToolsSlice } from './tools-slice';
import { createSettingsSlice } from './settings-slice';
import { createSocketsSlice } from './sockets-slice';
import { createStatusSlice } from './status-slice';
import { createToastSlice } from './toast-slice';
import { createTimelineSlice } from './timeline-slice';
import type { AppState } from './types';
import { createViewSlice } from './view-slice';
import { createTrafficSlice } from './traffic-slice';
import { createHostNamesSlice } from './host-names-slice';

/** The app's state and actions; select single values or use useShallow for derived arrays. */
export const useStore = create<AppState>()((...a) => ({
  ...createSocketsSlice(...a),
  ...createStatusSlice(...a),
  ...createSettingsSlice(...a),
  ...createViewSlice(...a),
  ...createToastSlice(...a),
  ...createActionsSlice(...a),
  ...createPrivilegeSlice(...a),
  ...createAdaptersSlice(...a),
  ...createToolsSlice(...a),
  ...createReportSlice(...a),
  ...createChartsSlice(...a),
  ...createDiagnosisSlice(...a),
  ...createAlertsSlice(...a),
  ...createTrafficSlice(...a),
  ...createHostNamesSlice(...a),
  ...createTimelineSlice(...a),
  ...createConnectionsSlice(...a),
}));
