// Report export over the contract: what the window asks for, and the built file handed back in chunks.
import { z } from 'zod';
import { statsWindowSchema } from './history';

/** File formats a report can be exported in. */
export const REPORT_FORMATS = ['json', 'html', 'csv', 'text'] as const;
/** A report format. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Characters per `report:chunk` answer: big enough to be quick, small enough to keep each message modest. */
export const REPORT_CHUNK_CHARS = 1 << 20;

/** Longest filter text a report (and the window's filter bar) takes, in UTF-16 code units as typed. */
export const MAX_FILTER_CHARS = 500;

export const reportTogglesSchema = z
  .object({ tcp: z.boolean(), udp: z.boolean(), ipv4: z.boolean(), ipv6: z.boolean(), listeningOnly: z.boolean() })
  .strict();

export const reportExportRequestSchema = z
  .object({
    format: z.enum(REPORT_FORMATS),
    /** History window to cover, or null for the snapshot only. */
    window: statsWindowSchema.nullable().default(null),
    /** The table's filter (filter-box text and toggles), or null for every socket. */
    filter: z
      .object({ text: z.string().max(MAX_FILTER_CHARS), toggles: reportTogglesSchema })
      .strict()
      .nullable()
      .default(null),
    /** Language of the report's prose. */
    language: z.enum(['en', 'zh-CN']).default('en'),
    /**
     * A recorded past instead of now (ms since epoch): the table at `at` (default `until`), history over
     * `since`..`until` when both are given (then `window` is ignored).
     */
    at: z.number().nullable().default(null),
    since: z.number().nullable().default(null),
    until: z.number().nullable().default(null),
  })
  .strict();

export const reportExportResultSchema = z.object({
  exportId: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  /** Length of the content (UTF-16 code units, as `report:chunk` slices it). */
  length: z.number().int().nonnegative(),
  /** Chunks to fetch with `report:chunk`, index 0 to chunks - 1. */
  chunks: z.number().int().nonnegative(),
  socketCount: z.number().int(),
  /** Time core took to gather and render it (ms). */
  buildMs: z.number(),
});

export const reportChunkRequestSchema = z
  .object({ exportId: z.string().min(1).max(64), index: z.number().int().nonnegative() })
  .strict();

export const reportChunkSchema = z.object({ index: z.number().int(), data: z.string(), last: z.boolean() });

export type ReportExportRequest = z.output<typeof reportExportRequestSchema>;
export type ReportExportResult = z.output<typeof reportExportResultSchema>;
