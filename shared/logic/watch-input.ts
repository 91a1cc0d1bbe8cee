// `watch` input as every door must take it: ports capped as settings store them, thresholds bounded by their schema.
import { alertThresholdsSchema, MAX_WATCHED_PORTS, type AlertThresholds } from '../model/alerts';
import { parseBoundedDuration, parseCount } from './duration';
import { keyedError } from './input-error';
import { parsePort } from './socket-query';

/** Parses port texts into distinct sorted ports; more than MAX_WATCHED_PORTS (what settings keep) is refused. */
export function parseWatchPorts(texts: readonly string[]): number[] {
  const ports = [...new Set(texts.map((p) => parsePort(p)))].sort((a, b) => a - b);
  if (ports.length > MAX_WATCHED_PORTS) throw keyedError('input.watchTooMany', { max: MAX_WATCHED_PORTS });
  return ports;
}

/** The [min, max] alertThresholdsSchema gives `key`: the bounds settings:set enforces for the window. */
function bounds(key: keyof AlertThresholds): { readonly min: number; readonly max: number } {
  const shape = alertThresholdsSchema.shape[key];
  const field = 'unwrap' in shape ? shape.unwrap() : shape;
  return { min: field.minValue ?? 0, max: field.maxValue ?? Number.MAX_SAFE_INTEGER };
}

/** A whole-number threshold flag (`--close-wait 200`) within its schema's bounds. */
export function parseThresholdNumber(text: string, flag: string, key: keyof AlertThresholds): number {
  const { min, max } = bounds(key);
  return parseCount(text, flag, min, max);
}

/** A duration threshold flag (`--close-wait-age 60s`) within its schema's bounds (ms). */
export function parseThresholdDuration(text: string, flag: string, key: keyof AlertThresholds): number {
  const { min, max } = bounds(key);
  return parseBoundedDuration(text, flag, min, max);
}
