// User settings, persisted per user by core; the type is derived from its schema.
import { z } from 'zod';
import { DEFAULT_THRESHOLDS, MAX_WATCHED_PORTS, alertThresholdsSchema } from './alerts';
import {
  DEFAULT_RECORDING_BYTES,
  DEFAULT_RETENTION_MS,
  MAX_RECORDING_BYTES,
  MAX_RETENTION_MS,
  MIN_RECORDING_BYTES,
  MIN_RETENTION_MS,
} from './timeline';

/** Shortest refresh interval (ms). */
export const MIN_REFRESH_MS = 250;
/** Longest refresh interval (ms). */
export const MAX_REFRESH_MS = 10_000;
/** Default refresh interval (ms). */
export const DEFAULT_REFRESH_MS = 1000;

/** Languages the UI ships; 'system' follows the OS. */
export const LANGUAGES = ['system', 'en', 'zh-CN'] as const;
/** Theme choices; 'system' follows the OS. */
export const THEMES = ['system', 'light', 'dark'] as const;

export const settingsSchema = z.object({
  /** Refresh interval of the live table (ms), MIN_REFRESH_MS..MAX_REFRESH_MS. */
  refreshIntervalMs: z.number().int().min(MIN_REFRESH_MS).max(MAX_REFRESH_MS),
  language: z.enum(LANGUAGES),
  theme: z.enum(THEMES),
  // Optional so a front end built before watches existed still validates; core always answers both.
  /** Ports whose listener is watched (alert when it goes away or changes owner). */
  watchedPorts: z.array(z.number().int().min(1).max(65535)).max(MAX_WATCHED_PORTS).readonly().optional(),
  /** When alerts fire. */
  alertThresholds: alertThresholdsSchema.optional(),
  /** Show host names for remote addresses (reverse DNS, resolved in the background). */
  resolveAddresses: z.boolean().optional(),
  /** Also send reverse-DNS queries for loopback, private and link-local addresses (the hosts file is always read). */
  resolvePrivateAddresses: z.boolean().optional(),
  /** Record every tick to the timeline file (where the front door gives one: the app, `serve`). */
  record: z.boolean().optional(),
  /** Recorded data older than this is pruned (ms), MIN_RETENTION_MS..MAX_RETENTION_MS. */
  recordRetentionMs: z.number().int().min(MIN_RETENTION_MS).max(MAX_RETENTION_MS).optional(),
  /** The recording is kept under this size (bytes), MIN_RECORDING_BYTES..MAX_RECORDING_BYTES. */
  recordMaxBytes: z.number().int().min(MIN_RECORDING_BYTES).max(MAX_RECORDING_BYTES).optional(),
});
export type Settings = Readonly<z.output<typeof settingsSchema>>;

/** Settings of a first start. */
export const DEFAULT_SETTINGS: Settings = {
  refreshIntervalMs: DEFAULT_REFRESH_MS,
  language: 'system',
  theme: 'system',
  watchedPorts: [],
  alertThresholds: DEFAULT_THRESHOLDS,
  resolveAddresses: false,
  resolvePrivateAddresses: false,
  record: true,
  recordRetentionMs: DEFAULT_RETENTION_MS,
  recordMaxBytes: DEFAULT_RECORDING_BYTES,
};
