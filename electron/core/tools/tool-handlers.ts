// Handlers of the port tools and report export channels, bound to core's services; spread into createHandlers.
import { randomUUID } from 'node:crypto';
import { renderReport } from '../../../shared/logic/report/render-report';
import type { Handlers } from '../handlers';
import { ExportStore } from '../report/export-store';
import { gatherReport, type ReportSources } from '../report/gather-report';
import { gatherPastReport, wantsPast } from '../timeline/past-report';
import type { CoreServices } from '../services';
import { bindTest } from './bind-test';
import { startScan } from './port-scan';
import { ScanRegistry } from './scan-registry';
import { serviceTable } from './service-names';
import { whoOwns } from './who-owns';

type ToolChannel =
  'tools:who' | 'tools:bind-test' | 'tools:scan' | 'tools:scan-cancel' | 'report:export' | 'report:chunk';

/** Scans running at once across every front end; more are refused until one ends. */
const MAX_RUNNING_SCANS = 4;

/** One registry for the process, as the limit is for the machine's sake, not one front end's. */
const runningScans = new ScanRegistry(MAX_RUNNING_SCANS);

/** Cancels the scans a front end started; core calls it when that front end disconnects. Returns how many. */
export function cancelScansOf(clientId: string): number {
  return runningScans.cancelOf(clientId);
}

/** Where a core report's facts come from: the live table, the history store and the diagnosis. */
export function coreReportSources(s: CoreServices): ReportSources {
  return {
    version: s.info.version,
    snapshot: async () => {
      await s.monitor.refresh();
      return s.monitor.snapshot();
    },
    series: (w, maxPoints, now) => s.analytics.history.seriesFor(w, maxPoints, now),
    transitions: (w, now) => s.analytics.history.transitionsFor(w, now),
    diagnose: (sockets, takenAt) => s.analytics.diagnose(sockets, takenAt),
    privileges: () => {
      const st = s.monitor.status();
      // "Show all owners": the table was read by a collector running as root in the helper.
      const elevated = st.elevated || s.broker.status().collectorElevated;
      return { elevated, ownerVisibility: st.ownerVisibility, hiddenOwners: st.hiddenOwners };
    },
  };
}

/** The tools and report handlers. Building them touches no service (the contract-parity test relies on it). */
export function createToolHandlers(s: CoreServices): Pick<Handlers, ToolChannel> {
  const exports = new ExportStore();
  const fresh = async () => {
    // Who holds a port must be answered from now, not from the last tick.
    await s.monitor.refresh();
    return s.monitor.snapshot();
  };
  return {
    'tools:who': async (req) => whoOwns(await fresh(), req.port, req.proto),
    'tools:bind-test': (req) =>
      bindTest(req, {
        sockets: async () => (await fresh()).sockets,
        ephemeral: () => s.analytics.ephemeralRange(),
        reservedRangeOf: (proto, family, port) => s.platform.reservedRangeOf(proto, family, port),
      }),
    'tools:scan': async (req, client) => {
      const scanId = randomUUID();
      // Reserved before the await below, so requests arriving meanwhile see the slot taken.
      runningScans.reserve(scanId, client.id);
      try {
        const scan = await startScan(req, serviceTable(), (p) => client.send('scan:progress', { scanId, ...p }));
        runningScans.attach(scanId, scan);
        return { scanId, host: req.host, address: scan.address, total: scan.total };
      } catch (e) {
        runningScans.release(scanId);
        throw e;
      }
    },
    'tools:scan-cancel': (req) => ({ cancelled: runningScans.cancel(req.scanId) }),
    'report:export': async (req) => {
      const started = performance.now();
      const report = wantsPast(req) ? await gatherPastReport(s, req) : await gatherReport(coreReportSources(s), req);
      const file = renderReport(report, req.format, req.language);
      const { exportId, chunks } = exports.put(file.content);
      return {
        exportId,
        chunks,
        fileName: file.fileName,
        mimeType: file.mimeType,
        length: file.content.length,
        socketCount: report.snapshot.sockets.length,
        buildMs: Math.round(performance.now() - started),
      };
    },
    'report:chunk': (req) => exports.chunk(req.exportId, req.index),
  };
}
