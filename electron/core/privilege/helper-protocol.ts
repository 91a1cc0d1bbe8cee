// What the app and the privileged helper say to each other: the token file, the handshake, requests and events.
import path from 'node:path';
import { z } from 'zod';
import { PRIVILEGED_CHANNELS } from '../../../shared/contract';

/** The token file's name inside the session directory. */
export const TOKEN_FILE = 'token.json';
/** The helper's Unix socket inside the session directory (Linux/macOS). */
export const SOCKET_FILE = 'helper.sock';
/** The helper's log inside the session directory. */
export const LOG_FILE = 'helper.log';

/** The helper exits when no ping arrived for this long (ms); the app pings every HEARTBEAT_INTERVAL_MS. */
export const HEARTBEAT_TIMEOUT_MS = 10_000;
export const HEARTBEAT_INTERVAL_MS = 3_000;
/** How often the helper checks that the app's pid still exists (ms). */
export const APP_POLL_MS = 1_000;
/**
 * A connection that has not authenticated within this long is closed (ms). The app sends its token as soon as it
 * is connected, so this only bounds how long an idle or stuck peer holds a connection.
 */
export const AUTH_TIMEOUT_MS = 2_000;
/**
 * Authenticated sessions served at once: the app needs one (two while it replaces a lost one). Only sessions that
 * passed the token count, so idle connections of the same uid can never lock the app out.
 */
export const MAX_SESSIONS = 8;
/** Connections waiting for their token at once; more are closed on arrival (each is dropped within AUTH_TIMEOUT_MS). */
export const MAX_PENDING = 64;

/** What the app writes to the 0600 token file and the helper reads, then deletes. */
export const tokenFileSchema = z
  .object({
    /** 32 random bytes, base64url (43 characters). */
    token: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    /** The app's pid: the helper exits when it is gone. */
    appPid: z.number().int().positive(),
    /** The app's uid: the only peer uid the helper serves (POSIX; -1 on Windows). */
    uid: z.number().int(),
    /** Windows: the app's named pipe the helper connects to (`\\.\pipe\netinspect-<hex>`); absent on POSIX. */
    pipe: z
      .string()
      .regex(/^\\\\\.\\pipe\\netinspect-[0-9a-f]{32}$/)
      .optional(),
  })
  .strict();

export type TokenFile = z.output<typeof tokenFileSchema>;

/** The session directory's parts, all derived from the token file's path (the helper's only argument). */
export function sessionPaths(tokenFile: string): { dir: string; socket: string; log: string } {
  const dir = path.dirname(tokenFile);
  return { dir, socket: path.join(dir, SOCKET_FILE), log: path.join(dir, LOG_FILE) };
}

/** Operations beyond the contract's privileged channels: liveness, and the relayed collector (see helper-ops.ts). */
export const HELPER_OPS = ['ping', 'collector:start', 'collector:send', 'collector:stop'] as const;
/** Everything the helper accepts; anything else is refused as UNKNOWN_CHANNEL. */
export const HELPER_ALLOWLIST: readonly string[] = [...PRIVILEGED_CHANNELS, ...HELPER_OPS];

/** App -> helper, first message on a Unix socket: the token. */
export const authMessageSchema = z.object({ token: z.string().max(256) }).strict();

/** App -> helper: one request. */
export const helperRequestSchema = z
  .object({
    id: z.number().int().nonnegative(),
    op: z.string().max(64),
    request: z.unknown().optional(),
  })
  .strict();

/** What the relayed collector may be sent: exactly the collector protocol's requests. */
export const collectorSendSchema = z
  .object({ message: z.object({ id: z.number().int().nonnegative(), op: z.enum(['tick', 'full']) }).strict() })
  .strict();

/** Helper -> app: sent once after the token was accepted. */
export interface ReadyMessage {
  readonly ready: true;
  readonly pid: number;
}

/** Helper -> app, not answering a request: what the relayed collector said, or that it exited. */
export type HelperEvent =
  | { readonly event: 'collector:message'; readonly payload: { readonly pid: number; readonly message: unknown } }
  | { readonly event: 'collector:exit'; readonly payload: { readonly pid: number; readonly code: number | null } };
