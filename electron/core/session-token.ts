// Session tokens: random, compared in constant time.
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh 32-byte token, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison that also tolerates a missing or wrongly sized candidate. */
export function tokenMatches(expected: string, candidate: string | null | undefined): boolean {
  if (typeof candidate !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(candidate);
  return a.length === b.length && timingSafeEqual(a, b);
}
