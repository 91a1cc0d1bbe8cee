// The recorder's limits as users type them: a size cap (512MiB, 1GiB, 2GB) and a retention (12h, 7d, 30d).
import { MAX_RECORDING_BYTES, MAX_RETENTION_MS, MIN_RECORDING_BYTES, MIN_RETENTION_MS } from '../model/timeline';
import { formatBytes } from './format';
import { keyedError } from './input-error';

const BYTE_UNITS: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  k: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gib: 1024 ** 3,
  t: 1024 ** 4,
  tib: 1024 ** 4,
};
const TIME_UNITS: Readonly<Record<string, number>> = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/**
 * Parses a recording's size cap into bytes: a number and a unit, binary (KiB, MiB, GiB, TiB; K, M, G, T too) or
 * decimal (KB, MB, GB, TB), within MIN_RECORDING_BYTES..MAX_RECORDING_BYTES. Throws INVALID_INPUT otherwise.
 */
export function parseByteSize(text: string, field = 'max-size'): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*$/i.exec(text);
  const unit = BYTE_UNITS[(m?.[2] ?? '').toLowerCase()];
  const bytes = m && unit ? Math.round(Number(m[1]) * unit) : NaN;
  if (!(bytes >= MIN_RECORDING_BYTES && bytes <= MAX_RECORDING_BYTES)) {
    throw keyedError('timelineUi.error.size', {
      field,
      value: text,
      min: formatBytes(MIN_RECORDING_BYTES),
      max: formatBytes(MAX_RECORDING_BYTES),
    });
  }
  return bytes;
}

/** Parses a retention (`12h`, `7d`, `2w`) into ms, within MIN_RETENTION_MS..MAX_RETENTION_MS. */
export function parseRetention(text: string, field = 'retention'): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([hdw])\s*$/i.exec(text);
  const unit = TIME_UNITS[(m?.[2] ?? '').toLowerCase()];
  const ms = m && unit ? Math.round(Number(m[1]) * unit) : NaN;
  if (!(ms >= MIN_RETENTION_MS && ms <= MAX_RETENTION_MS)) {
    throw keyedError('timelineUi.error.retention', { field, value: text });
  }
  return ms;
}
