/** A request whose read cost is at least this is heavy: it keeps the database busy for a while. */
export const HEAVY_COST = 10;

/**
 * Heavy work (anomalies, narratives, whole lists, exports, LLM tool calls) takes turns: one at a time per
 * user, and at most `total` across all users, so the database connections that cheap requests need are never
 * all taken by one user's analyses. A tRPC batch of 20 analyses, or an MCP batch of 10, runs them one after
 * another instead of 20 at once. Waiting is first come, first served; the concurrency gate and the budgets
 * bound how much can wait.
 */
export function heavyWork(total: number) {
  const perUser = new Map<number, Promise<void>>();
  let running = 0;
  const queue: (() => void)[] = [];

  const takeGlobal = (): Promise<void> => {
    if (running < total) {
      running += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => queue.push(resolve));
  };
  const giveGlobal = () => {
    const next = queue.shift();
    if (next) next();
    else running -= 1;
  };

  return {
    /** Waits for the user's and a global turn; resolves with the release, to call once the work is over. */
    async acquire(userId: number): Promise<() => void> {
      const before = perUser.get(userId) ?? Promise.resolve();
      let done = () => {};
      const mine = new Promise<void>((resolve) => {
        done = resolve;
      });
      const turn = before.then(() => mine);
      perUser.set(userId, turn);
      await before;
      await takeGlobal();
      let released = false;
      return () => {
        if (released) return;
        released = true;
        giveGlobal();
        done();
        if (perUser.get(userId) === turn) perUser.delete(userId);
      };
    },
    /** Runs `work` in its turn. */
    async run<Result>(userId: number, work: () => Promise<Result>): Promise<Result> {
      const release = await this.acquire(userId);
      try {
        return await work();
      } finally {
        release();
      }
    },
  };
}

export type HeavyWork = ReturnType<typeof heavyWork>;
