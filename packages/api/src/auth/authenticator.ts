import { type Database, findApiTokenOwner, isApiToken, isSessionActive } from '@finsight/core';
import { AppError } from '@finsight/core/schemas';
import { bearerToken, TOKEN_NOT_VALID, type TokenService } from './jwt';
import type { Principal } from './principal';
import type { Revocation, RevocationChannel } from './revocation-channel';

/**
 * How long a process trusts what it last heard from the database about a session or an API token. Another
 * process's revocation reaches this one through the revocation channel at once, or by this recheck at the
 * latest (no Redis, or a message lost): within 5 seconds either way.
 */
export const RECHECK_MS = 4_000;
/** Sessions and API tokens remembered per process (a few dozen bytes each). */
const REMEMBERED = 50_000;

interface Known<Value> {
  value: Value;
  checkedAt: number;
}

/** A bounded map that drops its oldest entry when full. */
function boundedMap<Key, Value>(capacity: number) {
  const map = new Map<Key, Value>();
  return {
    get: (key: Key) => map.get(key),
    set(key: Key, value: Value) {
      if (!map.has(key) && map.size >= capacity) {
        const oldest = map.keys().next().value;
        if (oldest !== undefined) map.delete(oldest);
      }
      map.set(key, value);
    },
    delete: (key: Key) => map.delete(key),
    clear: () => map.clear(),
    entries: () => map.entries(),
  };
}

export interface Authentication {
  principal: Principal | null;
  /** Why a credential that was sent was refused; null when none was sent. */
  problem: string | null;
}

const ANONYMOUS: Authentication = { principal: null, problem: null };

/**
 * Turns an `Authorization` header into the principal it speaks for: a JWT access token whose session is
 * still live, or a personal API token (`fs_…`) that is not expired or deleted. Liveness is checked against
 * the database at most every few seconds per session or token, and revocations made in this process apply
 * at once (the next request is refused), those of other processes as soon as the channel brings them.
 */
export function createAuthenticator(deps: {
  db: Database;
  tokens: TokenService;
  channel: RevocationChannel;
  now?: () => number;
}) {
  const { db, tokens, channel } = deps;
  const now = deps.now ?? Date.now;
  const sessions = boundedMap<number, Known<boolean>>(REMEMBERED);
  const apiTokens = boundedMap<string, Known<Principal | null>>(REMEMBERED);
  // One database question per session or token at a time, however many requests wait for it.
  const pendingSessions = new Map<number, Promise<boolean>>();
  const pendingTokens = new Map<string, Promise<Principal | null>>();

  function forget(revocation: Revocation): void {
    const at = now();
    for (const sessionId of revocation.sessions) sessions.set(sessionId, { value: false, checkedAt: at });
    if (revocation.tokens.length === 0) return;
    const revoked = new Set(revocation.tokens);
    for (const [token, known] of apiTokens.entries()) {
      if (known.value && known.value.tokenId !== null && revoked.has(known.value.tokenId)) {
        apiTokens.set(token, { value: null, checkedAt: at });
      }
    }
  }

  channel.subscribe({
    onRevoked: forget,
    onGap: () => {
      sessions.clear();
      apiTokens.clear();
    },
  });

  async function sessionIsLive(userId: number, sessionId: number): Promise<boolean> {
    const known = sessions.get(sessionId);
    // An ended session never comes back, so a "no" is kept.
    if (known && (!known.value || now() - known.checkedAt < RECHECK_MS)) return known.value;
    let pending = pendingSessions.get(sessionId);
    if (!pending) {
      const asked = now();
      pending = isSessionActive(db, userId, { sessionId })
        .then((live) => {
          // A revocation that arrived while the database was being asked wins over its answer.
          const current = sessions.get(sessionId);
          if (current && !current.value && current.checkedAt >= asked) return false;
          sessions.set(sessionId, { value: live, checkedAt: now() });
          return live;
        })
        .finally(() => pendingSessions.delete(sessionId));
      pendingSessions.set(sessionId, pending);
    }
    return pending;
  }

  async function apiTokenOwner(token: string): Promise<Principal | null> {
    const known = apiTokens.get(token);
    if (known && now() - known.checkedAt < RECHECK_MS) return known.value;
    let pending = pendingTokens.get(token);
    if (!pending) {
      const asked = now();
      pending = findApiTokenOwner(db, token)
        .then((owner) => {
          const current = apiTokens.get(token);
          if (current && current.value === null && current.checkedAt >= asked) return null;
          const principal: Principal | null = owner
            ? { userId: owner.userId, sessionId: null, tokenId: owner.tokenId, scope: owner.scope }
            : null;
          apiTokens.set(token, { value: principal, checkedAt: now() });
          return principal;
        })
        .finally(() => pendingTokens.delete(token));
      pendingTokens.set(token, pending);
    }
    return pending;
  }

  /** Principals of recently seen live sessions, kept so the common case is answered without a promise. */
  const principals = new Map<number, Principal>();
  const principalOf = (userId: number, sessionId: number): Principal => {
    let principal = principals.get(sessionId);
    if (principal?.userId !== userId) {
      principal = { userId, sessionId, tokenId: null, scope: 'write' };
      if (principals.size >= REMEMBERED) principals.clear();
      principals.set(sessionId, principal);
    }
    return principal;
  };

  return {
    /**
     * The principal of an access token seen in the last few seconds, whose session was live then: the
     * answer for nearly every request, with no promise to wait on. Undefined when `authenticate` must be
     * asked (anything else, including every refusal).
     */
    known(authorization: string | undefined): Authentication | undefined {
      if (authorization === undefined || authorization.length < 8) return undefined;
      const token = authorization.startsWith('Bearer ') ? authorization.slice(7) : undefined;
      if (token === undefined || token.includes(' ')) return undefined;
      const claims = tokens.knownAccess(token);
      if (claims === undefined) return undefined;
      const session = sessions.get(claims.sessionId);
      if (!session?.value || now() - session.checkedAt >= RECHECK_MS) return undefined;
      return { principal: principalOf(claims.userId, claims.sessionId), problem: null };
    },

    /** The principal of an `Authorization` header; a refused credential says why. */
    async authenticate(authorization: string | undefined): Promise<Authentication> {
      let credential: string | undefined;
      try {
        credential = bearerToken(authorization);
        if (credential === undefined) return ANONYMOUS;
        if (isApiToken(credential)) {
          const principal = await apiTokenOwner(credential);
          return principal ? { principal, problem: null } : { principal: null, problem: TOKEN_NOT_VALID };
        }
        const { userId, sessionId } = await tokens.verifyAccess(credential);
        if (!(await sessionIsLive(userId, sessionId))) return { principal: null, problem: TOKEN_NOT_VALID };
        return { principal: principalOf(userId, sessionId), problem: null };
      } catch (error) {
        if (error instanceof AppError) return { principal: null, problem: error.message };
        throw error;
      }
    },

    /** Sessions or API tokens that just ended: refused here from now on, and in every other process soon. */
    async revoked(revocation: Partial<Revocation>): Promise<void> {
      const complete = { sessions: revocation.sessions ?? [], tokens: revocation.tokens ?? [] };
      if (complete.sessions.length === 0 && complete.tokens.length === 0) return;
      forget(complete);
      await channel.publish(complete);
    },

    close: () => channel.close(),
  };
}

export type Authenticator = ReturnType<typeof createAuthenticator>;
