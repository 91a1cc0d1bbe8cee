// A DiagnosisInput for unit tests: default thresholds, a 100-port ephemeral range so pressure is easy to reach.
import { DEFAULT_THRESHOLDS } from '../../model/alerts';
import type { Socket } from '../../model/socket';
import type { DiagnosisInput } from './rule-input';

/** Test time (ms since epoch). */
export const NOW = 1_700_000_000_000;

/** Inputs around `sockets`, overridable per test. */
export function input(sockets: readonly Socket[], over: Partial<DiagnosisInput> = {}): DiagnosisInput {
  return {
    sockets,
    now: NOW,
    ephemeral: { low: 40000, high: 40099, excluded: 0, source: 'default' },
    thresholds: DEFAULT_THRESHOLDS,
    maxTimeWaitBuckets: 262144,
    failedConnects: [],
    transitions: 'observed',
    ...over,
  };
}
