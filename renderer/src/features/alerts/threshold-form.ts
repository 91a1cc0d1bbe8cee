// Validation of the alert thresholds form as the user types: per-field rules mirror the contract's schema.
import type { AlertThresholds } from '../../../../shared/model/alerts';
import type { Message } from '../../store/types';

/** Form fields; the CLOSE_WAIT age is edited in seconds, stored in ms. */
export const THRESHOLD_FIELDS = [
  'closeWaitCount',
  'closeWaitAgeS',
  'timeWaitCount',
  'ephemeralUsagePct',
  'newConnectionsPerSec',
  'failedConnectsPerMinute',
] as const;
/** One form field. */
export type ThresholdField = (typeof THRESHOLD_FIELDS)[number];
/** The form's text per field. */
export type ThresholdDraft = Readonly<Record<ThresholdField, string>>;

interface Rule {
  readonly min: number;
  readonly max: number;
  readonly whole: boolean;
}

/** Bounds of alertThresholdsSchema, with the age in seconds. */
const RULES: Readonly<Record<ThresholdField, Rule>> = {
  closeWaitCount: { min: 1, max: 1_000_000, whole: true },
  closeWaitAgeS: { min: 1, max: 86_400, whole: true },
  timeWaitCount: { min: 1, max: 10_000_000, whole: true },
  ephemeralUsagePct: { min: 1, max: 100, whole: false },
  newConnectionsPerSec: { min: 1, max: 10_000_000, whole: false },
  failedConnectsPerMinute: { min: 1, max: 10_000_000, whole: true },
};

/** The form's text for stored thresholds. */
export function draftOf(t: AlertThresholds): ThresholdDraft {
  return {
    closeWaitCount: String(t.closeWaitCount),
    closeWaitAgeS: String(Math.round(t.closeWaitAgeMs / 1000)),
    timeWaitCount: String(t.timeWaitCount),
    ephemeralUsagePct: String(t.ephemeralUsagePct),
    newConnectionsPerSec: String(t.newConnectionsPerSec),
    failedConnectsPerMinute: String(t.failedConnectsPerMinute),
  };
}

/** The error of one field's text (an i18n message whose `field` the form fills), or null when valid. */
export function fieldError(field: ThresholdField, text: string): Message | null {
  const rule = RULES[field];
  const trimmed = text.trim();
  const n = trimmed === '' ? NaN : Number(trimmed);
  if (!Number.isFinite(n)) return { key: 'alertUi.notNumber' };
  if (rule.whole && !Number.isInteger(n)) return { key: 'alertUi.notWhole' };
  if (n < rule.min || n > rule.max) return { key: 'alertUi.outOfRange', params: { min: rule.min, max: rule.max } };
  return null;
}

/** The thresholds of a valid draft, or null when any field is invalid. */
export function parseDraft(d: ThresholdDraft): AlertThresholds | null {
  if (THRESHOLD_FIELDS.some((f) => fieldError(f, d[f]) !== null)) return null;
  return {
    closeWaitCount: Number(d.closeWaitCount),
    closeWaitAgeMs: Number(d.closeWaitAgeS) * 1000,
    timeWaitCount: Number(d.timeWaitCount),
    ephemeralUsagePct: Number(d.ephemeralUsagePct),
    newConnectionsPerSec: Number(d.newConnectionsPerSec),
    failedConnectsPerMinute: Number(d.failedConnectsPerMinute),
  };
}

/** The error of a port to watch, or null when it is a whole number 1..65535 not yet watched. */
export function portError(text: string, watched: readonly number[]): Message | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return { key: 'input.portNotNumber', params: { value: trimmed } };
  const port = Number(trimmed);
  if (port < 1 || port > 65535) return { key: 'input.portOutOfRange', params: { value: port } };
  if (watched.includes(port)) return { key: 'alertUi.duplicate', params: { port } };
  return null;
}
