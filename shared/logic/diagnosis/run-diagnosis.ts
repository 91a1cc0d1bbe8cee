// Runs every diagnosis rule over one table and orders the findings worst first.
import type { Finding } from '../../model/finding';
import { closeWaitRule } from './close-wait-rule';
import { failedConnectRule } from './failed-connect-rule';
import { ephemeralPortRule } from './ephemeral-port-rule';
import { listenQueueRule } from './listen-queue-rule';
import { retransmitRule } from './retransmit-rule';
import type { DiagnosisInput } from './rule-input';
import { synFloodRule } from './syn-flood-rule';
import { timeWaitRule } from './time-wait-rule';

/** Every rule, in the order findings of equal severity are listed. */
export const ALL_RULES: readonly ((input: DiagnosisInput) => Finding[])[] = [
  closeWaitRule,
  timeWaitRule,
  ephemeralPortRule,
  listenQueueRule,
  synFloodRule,
  retransmitRule,
  failedConnectRule,
];

const RANK = { critical: 0, warning: 1, ok: 2 } as const;

/** All findings of all rules, critical first (stable within a severity). */
export function runDiagnosis(input: DiagnosisInput): Finding[] {
  return ALL_RULES.flatMap((rule) => rule(input)).sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}
