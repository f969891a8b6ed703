import { createHash } from 'node:crypto';
import { AppError, EMAIL_MAX_LENGTH } from '@finsight/core/schemas';
import type { RateLimiter } from './rate-limiter';

export type AuthAction = 'login' | 'register' | 'refresh' | 'mfa' | 'password-reset';

/** Thrown when a client must slow down; mapped to HTTP 429 / tRPC TOO_MANY_REQUESTS. */
export class RateLimitedError extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    message = `Request was throttled. Expected available in ${retryAfterSeconds} seconds.`,
  ) {
    super('TOO_MANY_REQUESTS', message);
  }
}

/**
 * An email as a rate-limit key: normalised as accounts store it, then hashed, so every key has the same
 * small size whatever was sent (thousands of junk 60 KB "emails" once grew memory by 140 MB).
 */
function emailKey(email: string): string {
  return createHash('sha256')
    .update(email.normalize('NFKC').trim().toLowerCase())
    .digest('base64url')
    .slice(0, 22);
}

/**
 * Counts an attempt against the caller's IP and, where the request names one, the email: guessing many
 * passwords for one account from many addresses is throttled as well as one address trying many accounts.
 * Absurdly long values are not counted: the input's own validation refuses them anyway.
 */
export async function throttleAuth(
  limiter: RateLimiter,
  action: AuthAction,
  ip: string,
  email?: unknown,
): Promise<void> {
  const keys = [`${action}:ip:${ip}`];
  if (typeof email === 'string' && email.trim() !== '' && email.length <= 4 * EMAIL_MAX_LENGTH)
    keys.push(`${action}:email:${emailKey(email)}`);
  for (const key of keys) {
    const decision = await limiter.consume(key);
    if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds);
  }
}
