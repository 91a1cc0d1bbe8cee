// Host names of remote addresses (reverse DNS): what `hosts:resolve` asks and answers, and what `hosts:resolved` pushes.
import { z } from 'zod';

/** Most addresses one request may name. */
export const MAX_RESOLVE_ADDRESSES = 4096;
/** Longest a request may wait for answers (ms). */
export const MAX_RESOLVE_WAIT_MS = 5_000;

export const hostNameSchema = z.object({
  address: z.string(),
  /** The name, or null when the address has none (or the lookup failed). */
  name: z.string().nullable(),
  /** `hosts`: from the hosts file, nothing sent; `dns`: a PTR query. */
  source: z.enum(['hosts', 'dns']),
});
/** One address and its name. */
export type HostName = Readonly<z.output<typeof hostNameSchema>>;

export const resolveRequestSchema = z
  .object({
    addresses: z.array(z.string().min(1).max(64)).max(MAX_RESOLVE_ADDRESSES),
    /** How long to wait for names not cached yet (ms); 0 answers what is known now and looks up the rest. */
    waitMs: z.number().int().min(0).max(MAX_RESOLVE_WAIT_MS).default(0),
    /** Also send queries for loopback, private and link-local addresses (default: the setting). */
    includePrivate: z.boolean().optional(),
  })
  .strict();

export const resolvedSchema = z.object({ names: z.array(hostNameSchema).readonly() });
/** Names known (only addresses that have one are listed by `hosts:resolve`; `hosts:resolved` lists misses too). */
export type Resolved = Readonly<z.output<typeof resolvedSchema>>;
