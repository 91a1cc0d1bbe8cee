// User settings, persisted per user by core.
import { DEFAULT_THRESHOLDS, type AlertThresholds } from './alert-thresholds';

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

export interface Settings {
  /** Refresh interval of the live table (ms), MIN_REFRESH_MS..MAX_REFRESH_MS. */
  readonly refreshIntervalMs: number;
  readonly language: (typeof LANGUAGES)[number];
  readonly theme: (typeof THEMES)[number];
  /** Ports whose listener is watched (alert when it goes away or changes owner). */
  readonly watchedPorts?: readonly number[];
  /** When alerts fire. */
  readonly alertThresholds?: AlertThresholds;
}

/** Settings of a first start. */
export const DEFAULT_SETTINGS: Settings = {
  refreshIntervalMs: DEFAULT_REFRESH_MS,
  language: 'system',
  theme: 'system',
  watchedPorts: [],
  alertThresholds: DEFAULT_THRESHOLDS,
};
