import type { Database } from '@finsight/core';
import { AppError } from '@finsight/core/schemas';
import { bearerToken, type TokenService } from './auth/jwt';
import type { RateLimiter } from './auth/rate-limiter';

/** Everything a procedure may use. No request or reply: procedures stay testable with createCaller. */
export interface Context {
  db: Database;
  tokens: TokenService;
  authLimiter: RateLimiter;
  /** The caller's IP, for rate limits. */
  ip: string;
  /** The verified user id from the access token; null when none or invalid. */
  userId: number | null;
  /** Why `userId` is null when a token was sent but refused. */
  authProblem: string | null;
}

export function createContextInner(options: {
  db: Database;
  tokens: TokenService;
  authLimiter: RateLimiter;
  userId?: number | null;
  ip?: string;
}): Context {
  return { ip: '127.0.0.1', userId: null, authProblem: null, ...options };
}

/** Verifies `Authorization: Bearer <access token>`; the user id comes from the token only. */
export async function resolveUser(
  tokens: TokenService,
  authorization: string | undefined,
): Promise<{ userId: number | null; authProblem: string | null }> {
  try {
    const token = bearerToken(authorization);
    if (!token) return { userId: null, authProblem: null };
    return { userId: await tokens.verifyAccess(token), authProblem: null };
  } catch (error) {
    if (error instanceof AppError) return { userId: null, authProblem: error.message };
    throw error;
  }
}
