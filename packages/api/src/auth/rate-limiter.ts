import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export interface RateLimitDecision {
  allowed: boolean;
  /** Seconds until the key's window resets. */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /** Counts `points` (default 1) for `key` and says whether it is within the limit. */
  consume(key: string, points?: number): Promise<RateLimitDecision>;
  close(): Promise<void>;
}

export interface RateLimitRule {
  max: number;
  windowMs: number;
}

type Flexible = RateLimiterMemory | RateLimiterRedis;

/**
 * A rate-limiter-flexible limiter behind our interface: fixed windows, `max` points each. Over the limit
 * is an answer (not allowed); a failing store is an error, which the Redis limiter never raises because it
 * falls back to memory.
 */
function wrap(limiter: Flexible, refundRefused: boolean): RateLimiter {
  return {
    async consume(key, points = 1) {
      try {
        const result = await limiter.consume(key, points);
        return { allowed: true, retryAfterSeconds: Math.ceil(result.msBeforeNext / 1000) };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          if (refundRefused) await limiter.reward(key, points).catch(() => undefined);
          return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
        }
        throw rejection;
      }
    },
    async close() {},
  };
}

export interface LimiterOptions {
  /** Key prefix, so several limiters can share one Redis. */
  prefix?: string;
  /**
   * Give a refused request's points back. Budgets for signed-in users do (a refused expensive call should
   * not also lock out the cheap ones); login attempts do not (an attacker who keeps trying stays locked out).
   */
  refundRefused?: boolean;
}

const windowSeconds = (rule: RateLimitRule) => Math.max(1, Math.round(rule.windowMs / 1000));

/** Counts in this process's memory: right for one API process. Expired windows are dropped by timers. */
export function memoryRateLimiter(rule: RateLimitRule, options: LimiterOptions = {}): RateLimiter {
  const { prefix = 'finsight', refundRefused = false } = options;
  return wrap(
    new RateLimiterMemory({ points: rule.max, duration: windowSeconds(rule), keyPrefix: prefix }),
    refundRefused,
  );
}

/**
 * Counts in Redis, shared by every API process that points at the same server. While Redis is unreachable
 * each process counts in its own memory instead (rate-limiter-flexible's insurance limiter): limits get
 * looser for a while, and logins keep working.
 */
export function redisRateLimiter(
  rule: RateLimitRule,
  redis: Redis,
  options: LimiterOptions = {},
): RateLimiter {
  const { prefix = 'finsight', refundRefused = false } = options;
  const duration = windowSeconds(rule);
  return wrap(
    new RateLimiterRedis({
      storeClient: redis,
      points: rule.max,
      duration,
      keyPrefix: prefix,
      insuranceLimiter: new RateLimiterMemory({ points: rule.max, duration, keyPrefix: prefix }),
    }),
    refundRefused,
  );
}

/** No limit at all ("off", for load tests). */
export const unlimited: RateLimiter = {
  async consume() {
    return { allowed: true, retryAfterSeconds: 0 };
  },
  async close() {},
};
