// Report export: asks core to build the file, fetches it in chunks (progress), and hands it to the browser as a download.
import type { ReportFormat } from '../../../shared/model/report';
import { WINDOW_MS, type StatsWindow } from '../../../shared/model/stats-window';
import { resolveLanguage } from '../../../shared/i18n/index';
import { host } from '../api';
import type { Message, Slice } from './types';

/** What the export dialog asks for. */
export interface ExportOptions {
  readonly format: ReportFormat;
  /** Only the sockets the table's filter shows. */
  readonly filtered: boolean;
  /** History window, or null for the snapshot only. */
  readonly window: StatsWindow | null;
}

/** Where an export stands. */
export type ExportState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'building' }
  | { readonly kind: 'transferring'; readonly done: number; readonly total: number }
  | { readonly kind: 'done'; readonly message: Message };

export interface ReportSlice {
  readonly exportOpen: boolean;
  readonly exportState: ExportState;
  openExport(): void;
  closeExport(): void;
  /** Builds the report in core and downloads it; a failure becomes a toast. */
  exportReport(options: ExportOptions): Promise<void>;
}

/** Hands `blob` to the browser as a file download (Electron shows its save dialog for it). */
function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own reference by now; free ours a little later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const createReportSlice: Slice<ReportSlice> = (set, get) => {
  let generation = 0;
  return {
    exportOpen: false,
    exportState: { kind: 'idle' },

    openExport() {
      set({ exportOpen: true, exportState: { kind: 'idle' } });
    },

    closeExport() {
      generation++;
      set({ exportOpen: false, exportState: { kind: 'idle' } });
    },

    async exportReport(o) {
      const gen = ++generation;
      const s = get();
      set({ exportState: { kind: 'building' } });
      const language = resolveLanguage(s.settings?.language ?? 'system', s.appInfo?.locale ?? navigator.language);
      // While the past is shown, the report is of the table recorded then, its window the one before it.
      const at = s.past?.tickAt ?? null;
      const past = at === null ? {} : { at, ...(o.window ? { since: at - WINDOW_MS[o.window], until: at } : {}) };
      const r = await host.bridge.invoke('report:export', {
        format: o.format,
        window: o.window,
        filter: o.filtered ? { text: s.filterText, toggles: s.toggles } : null,
        language,
        ...past,
      });
      if (gen !== generation) return;
      if (!r.ok) {
        set({ exportState: { kind: 'idle' } });
        get().pushError(r.error);
        return;
      }
      const parts: string[] = [];
      for (let index = 0; index < r.value.chunks; index++) {
        set({ exportState: { kind: 'transferring', done: index, total: r.value.chunks } });
        const c = await host.bridge.invoke('report:chunk', { exportId: r.value.exportId, index });
        if (gen !== generation) return;
        if (!c.ok) {
          set({ exportState: { kind: 'idle' } });
          get().pushError(c.error);
          return;
        }
        parts.push(c.value.data);
      }
      download(new Blob(parts, { type: r.value.mimeType }), r.value.fileName);
      set({
        exportState: {
          kind: 'done',
          message: { key: 'report.ui.done', params: { file: r.value.fileName, sockets: r.value.socketCount } },
        },
      });
    },
  };
};
