// Privilege state: whether netinspect or its helper can act on other users' processes and sockets.
import { z } from 'zod';

export const privilegeStatusSchema = z.object({
  /** This process runs as root / an elevated Administrator. */
  elevated: z.boolean(),
  /** The privileged helper: not started, being started (waiting for the password prompt), or serving. */
  helper: z.enum(['none', 'starting', 'running']),
  /** Whether elevation can be asked for here (a graphical agent such as pkexec exists). */
  canElevate: z.boolean(),
  /** Why elevation cannot be asked for (i18n key), or null. */
  cannotElevateReason: z.string().nullable(),
  /** Whether the collector runs through the helper, so every owner is visible. */
  collectorElevated: z.boolean(),
});

export const elevateRequestSchema = z
  .object({
    /** Also run the collector through the helper ("Show all owners"). */
    collector: z.boolean().default(false),
  })
  .strict();

export type PrivilegeStatus = z.output<typeof privilegeStatusSchema>;
