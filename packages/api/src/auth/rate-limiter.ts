import { Redis } from 'ioredis';

export interface RateLimitDecision {
  allowed: boolean;
  /** Seconds until the key's window resets. */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /** Counts one attempt for `key` and says whether it is within the limit. */
  consume(key: string): Promise<RateLimitDecision>;
  close(): Promise<void>;
}

export interface RateLimitRule {
  max: number;
  windowMs: number;
}

/** Fixed windows in this process's memory: fine for one API process. */
export function memoryRateLimiter(rule: RateLimitRule, now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { resetAt: number; count: number }>();
  let sweeps = 0;
  return {
    async consume(key) {
      const at = now();
      // Forget expired windows now and then so memory stays bounded.
      if (++sweeps % 1000 === 0) for (const [k, w] of windows) if (w.resetAt <= at) windows.delete(k);
      let window = windows.get(key);
      if (!window || window.resetAt <= at) {
        window = { resetAt: at + rule.windowMs, count: 0 };
        windows.set(key, window);
      }
      window.count += 1;
      return {
        allowed: window.count <= rule.max,
        retryAfterSeconds: Math.ceil((window.resetAt - at) / 1000),
      };
    },
    async close() {},
  };
}

/** Fixed windows in Redis, shared by every API process that points at the same server. */
export function redisRateLimiter(
  rule: RateLimitRule,
  url: string,
  prefix = 'finsight:ratelimit:',
): RateLimiter {
  const redis = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
  return {
    async consume(key) {
      const redisKey = prefix + key;
      const results = await redis
        .multi()
        .incr(redisKey)
        .pexpire(redisKey, rule.windowMs, 'NX')
        .pttl(redisKey)
        .exec();
      const count = Number(results?.[0]?.[1] ?? 0);
      const ttl = Number(results?.[2]?.[1] ?? rule.windowMs);
      return { allowed: count <= rule.max, retryAfterSeconds: Math.max(1, Math.ceil(ttl / 1000)) };
    },
    async close() {
      await redis.quit();
    },
  };
}

/** No limit at all (AUTH_RATE_LIMIT=off, for load tests). */
export const unlimited: RateLimiter = {
  async consume() {
    return { allowed: true, retryAfterSeconds: 0 };
  },
  async close() {},
};
