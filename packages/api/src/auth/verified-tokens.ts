import type { AccessClaims } from './jwt';

interface Verified {
  claims: AccessClaims;
  /** The token's `exp`, in seconds since the epoch. */
  expiresAt: number;
}

/**
 * Access tokens whose signature and claims were already checked, so a client that sends the same access
 * token on every request (all of them do, for 15 minutes) pays for the HMAC once. Verifying through
 * WebCrypto costs more than the rest of a simple read (measured in docs/benchmarks.md).
 *
 * Only successful verifications are stored, so filling the cache takes tokens signed with our secret; it is
 * bounded, dropping the oldest entry when full. An entry is only as good as its `exp`: past it, `get` answers
 * undefined and the caller verifies again (and refuses). What the cache cannot know is whether the token's
 * session has ended since: the authenticator asks that of every request, cached or not.
 */
export function verifiedTokenCache(capacity: number) {
  const entries = new Map<string, Verified>();
  return {
    get(token: string, now: number): AccessClaims | undefined {
      const entry = entries.get(token);
      if (entry === undefined) return undefined;
      if (entry.expiresAt <= now) {
        entries.delete(token);
        return undefined;
      }
      return entry.claims;
    },
    set(token: string, entry: Verified): void {
      if (entries.size >= capacity) {
        // Maps iterate in insertion order: the first key is the oldest.
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      entries.set(token, entry);
    },
    get size() {
      return entries.size;
    },
  };
}
