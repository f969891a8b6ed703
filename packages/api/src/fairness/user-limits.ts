import { RateLimitedError } from '../auth/auth-throttle';
import type { RateLimiter } from '../auth/rate-limiter';
import type { ConcurrencyGate } from './concurrency-gate';
import type { Cost } from './costs';
import { HEAVY_COST, type HeavyWork } from './heavy-work';

export const TOO_MANY_AT_ONCE =
  'Too many of your requests are running at once. Expected available in 1 second.';

const nothingHeld = () => {};

/**
 * Keeps one user from slowing everyone else down: each request is charged its cost against the user's
 * read and write budgets (429 with Retry-After beyond them), then takes one of the user's few concurrent
 * slots (waiting briefly for one, 429 if none frees up). Heavy work then waits its turn (heavy-work.ts).
 */
export function createUserLimits(options: {
  reads: RateLimiter;
  writes: RateLimiter;
  gate: ConcurrencyGate | null;
  heavy: HeavyWork | null;
}) {
  const { reads, writes, gate, heavy } = options;
  return {
    /** Runs heavy work (see heavy-work.ts) in its turn; light work at once. */
    async inTurn<Result>(userId: number, cost: Cost, work: () => Promise<Result>): Promise<Result> {
      return heavy && cost.read >= HEAVY_COST ? heavy.run(userId, work) : work();
    },
    /** Heavy work's turn (resolves with its release), or null for light work, which needs none. */
    turn(userId: number, cost: Cost): Promise<() => void> | null {
      return heavy && cost.read >= HEAVY_COST ? heavy.acquire(userId) : null;
    },
    /** Admits one request of the user; resolves with the release of its slot, to call when it is over. */
    async admit(userId: number, cost: Cost): Promise<() => void> {
      const key = `u:${userId}`;
      if (cost.read > 0) {
        const decision = await reads.consume(key, cost.read);
        if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds);
      }
      if (cost.write > 0) {
        const decision = await writes.consume(key, cost.write);
        if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds);
      }
      if (!gate) return nothingHeld;
      const release = gate.tryAcquire(userId) ?? (await gate.acquire(userId));
      if (!release) throw new RateLimitedError(1, TOO_MANY_AT_ONCE);
      return release;
    },
    async close() {
      await Promise.all([reads.close(), writes.close()]);
    },
  };
}

export type UserLimits = ReturnType<typeof createUserLimits>;

const RELEASES = Symbol('finsight.releases');
type Closing = { on(event: 'close', listener: () => void): unknown; [RELEASES]?: (() => void)[] };

function releaseAll(this: Closing) {
  const releases = this[RELEASES];
  this[RELEASES] = undefined;
  if (releases) for (const release of releases) release();
}

/**
 * Calls `release` once the response is over: sent, or abandoned by the client ('close' covers both; a
 * streamed answer holds its slot until its last byte). One shared listener per response, whatever is held.
 */
export function releaseWhenClosed(response: Closing, release: () => void): void {
  if (release === nothingHeld) return;
  const releases = response[RELEASES];
  if (releases) {
    releases.push(release);
    return;
  }
  response[RELEASES] = [release];
  response.on('close', releaseAll);
}
