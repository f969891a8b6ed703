import { AppError } from '@finsight/core/schemas';
import type { RateLimiter } from './rate-limiter';

export type AuthAction = 'login' | 'register' | 'refresh';

/** Thrown when a client must slow down; mapped to HTTP 429 / tRPC TOO_MANY_REQUESTS. */
export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('TOO_MANY_REQUESTS', `Request was throttled. Expected available in ${retryAfterSeconds} seconds.`);
  }
}

/**
 * Counts an attempt against the caller's IP and, where the request names one, the email: guessing many
 * passwords for one account from many addresses is throttled as well as one address trying many accounts.
 */
export async function throttleAuth(
  limiter: RateLimiter,
  action: AuthAction,
  ip: string,
  email?: unknown,
): Promise<void> {
  const keys = [`${action}:ip:${ip}`];
  if (typeof email === 'string' && email.trim() !== '')
    keys.push(`${action}:email:${email.trim().toLowerCase()}`);
  for (const key of keys) {
    const decision = await limiter.consume(key);
    if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds);
  }
}
