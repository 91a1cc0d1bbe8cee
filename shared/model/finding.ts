// Diagnosis findings and the kernel-settings explainer: what the rules conclude, with evidence and the mechanism.
import { z } from 'zod';
import { messageParamsSchema } from './errors';

/** How bad a finding is: ok (looked, nothing to fix), warning, critical. */
export const SEVERITIES = ['ok', 'warning', 'critical'] as const;
/** A finding's severity. */
export type Severity = (typeof SEVERITIES)[number];

/** Diagnosis rule names, one file each in shared/logic/diagnosis/. */
export const RULES = [
  'close-wait',
  'time-wait',
  'ephemeral-ports',
  'listen-queue',
  'syn-flood',
  'retransmits',
  'failed-connects',
] as const;
/** A rule name. */
export type RuleName = (typeof RULES)[number];

export const evidenceSchema = z.object({
  /** i18n key of the evidence line. */
  key: z.string(),
  params: messageParamsSchema,
});

export const findingSchema = z.object({
  /** Stable across ticks for the same subject (e.g. `close-wait:pid:1234`), for de-duplication. */
  id: z.string(),
  rule: z.enum(RULES),
  severity: z.enum(SEVERITIES),
  /** i18n key of the one-line title; `titleParams` fill it. */
  titleKey: z.string(),
  titleParams: messageParamsSchema,
  /** Facts the finding rests on (counts, ages, endpoints), each a translatable line. */
  evidence: z.array(evidenceSchema).readonly(),
  /** i18n key of the recommendation, which explains the mechanism; `titleParams` fill it too. */
  recommendationKey: z.string(),
  /** Socket keys the finding is about (at most 50), so the UI can filter the table to them. */
  socketKeys: z.array(z.string()).readonly(),
});

export const kernelSettingSchema = z.object({
  /** sysctl name, e.g. `net.ipv4.tcp_tw_reuse`. */
  name: z.string(),
  /** Current value as the kernel prints it, or null when absent or unreadable. */
  value: z.string().nullable(),
  /** False when this kernel has no such setting (tcp_tw_recycle since Linux 4.12). */
  present: z.boolean(),
  /** i18n key explaining what it does and when to change it. */
  explanationKey: z.string(),
});

export const ephemeralRangeSchema = z.object({
  /** First ephemeral port. */
  low: z.number().int(),
  /** Last ephemeral port (inclusive). */
  high: z.number().int(),
  /** Ports inside the range nobody may use (Windows excluded ranges), counted once. */
  excluded: z.number().int().nonnegative(),
  /** Where the range came from. */
  source: z.enum(['ip_local_port_range', 'netsh', 'default']),
});

export const diagnosisSchema = z.object({
  /** When the table the rules read was taken (ms since epoch). */
  takenAt: z.number(),
  findings: z.array(findingSchema).readonly(),
  kernel: z.array(kernelSettingSchema).readonly(),
  ephemeralRange: ephemeralRangeSchema,
  /** Whether the platform exposes kernel settings netinspect can read (Linux /proc/sys). */
  kernelReadable: z.boolean(),
});

/** One evidence line. */
export type Evidence = z.output<typeof evidenceSchema>;
/** One conclusion of a diagnosis rule. */
export type Finding = z.output<typeof findingSchema>;
/** One kernel setting, read-only. */
export type KernelSetting = z.output<typeof kernelSettingSchema>;
/** The ephemeral (dynamic) port range of this host. */
export type EphemeralRange = z.output<typeof ephemeralRangeSchema>;
/** The answer of `diagnosis:findings`. */
export type Diagnosis = z.output<typeof diagnosisSchema>;
