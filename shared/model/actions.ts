// Process and connection actions: what a kill or a close asks for and answers, and process details.
import { z } from 'zod';
import { portSchema, processInfoSchema, socketSchema } from './socket';

/** Largest pid any door accepts: kill(2) takes a signed int, and larger numbers would name process groups. */
export const MAX_PID = 2 ** 31 - 1;

/** A process id as a front end sends it: a positive whole number (never text a shell could read). */
export const pidSchema = z.number().int().positive().max(MAX_PID);

export const killRequestSchema = z
  .object({
    pid: pidSchema,
    /** After SIGTERM (graceful), send SIGKILL when the process has not exited within the grace period. */
    force: z.boolean().default(false),
    /**
     * Start time (ms since epoch) of the process the user confirmed; when the pid now belongs to a process that
     * started at another time, the kill is refused as ESRCH (the confirmed process already exited).
     */
    expectStartTime: z.number().nullable().optional(),
  })
  .strict();

export const killResultSchema = z.object({
  pid: z.number().int(),
  /** How the process ended: it exited after SIGTERM (or TerminateProcess), or had to be killed (SIGKILL). */
  outcome: z.enum(['terminated', 'killed']),
  /** Time from the first signal to the process being gone (ms). */
  elapsedMs: z.number(),
  /** Whether the privileged helper carried it out. */
  viaHelper: z.boolean(),
});

/** 0.0.0.0, ::, ::ffff:0.0.0.0 and their long spellings: the address of no peer. */
const UNSPECIFIED = /^(0\.0\.0\.0|[0:]+|(0{0,4}:){1,6}ffff:0\.0\.0\.0)$/i;

/**
 * One TCP connection, by its endpoints. The remote side names a peer: remote port 0 or an unspecified address
 * describe a listener or an unconnected socket, which a close refuses.
 */
export const connectionSchema = z
  .object({
    family: z.union([z.literal(4), z.literal(6)]),
    localAddress: z.string().min(1).max(64),
    localPort: portSchema,
    remoteAddress: z
      .string()
      .min(1)
      .max(64)
      .refine((a) => !UNSPECIFIED.test(a), 'an unspecified address (0.0.0.0 or ::) names no peer'),
    remotePort: portSchema.min(1),
  })
  .strict();

export const closeResultSchema = z.object({
  closed: z.literal(true),
  /** How it was closed: netlink SOCK_DESTROY (Linux) or SetTcpEntry DELETE_TCB (Windows). */
  method: z.enum(['sock_destroy', 'set_tcp_entry']),
  viaHelper: z.boolean(),
});

export const processDetailsSchema = processInfoSchema.extend({
  /** Parent process name, or null. */
  parentName: z.string().nullable(),
  /** True for kernel threads (Linux), which cannot be killed meaningfully. */
  kernelThread: z.boolean(),
  /** True when this is one of netinspect's own processes. */
  own: z.boolean(),
  /** Why killing it would be refused (stable i18n key), or null when it may be killed. */
  refusal: z.string().nullable(),
  /** Every socket the process holds, as in the live table. */
  sockets: z.array(socketSchema).readonly(),
});

export type KillRequest = z.input<typeof killRequestSchema>;
export type KillResult = z.output<typeof killResultSchema>;
export type Connection = z.output<typeof connectionSchema>;
export type CloseResult = z.output<typeof closeResultSchema>;
export type ProcessDetails = z.output<typeof processDetailsSchema>;
