import type { FastifyBaseLogger } from 'fastify';

/**
 * Work that must not hold up the answer (sending a mail after a 202), run after it, logged if it fails,
 * and waited for when the server shuts down so nothing is lost mid-way. Bounded: beyond `limit` tasks in
 * flight new ones are dropped and logged (the rate limits keep that from happening in normal use).
 */
export function backgroundTasks(log: FastifyBaseLogger, limit = 1000) {
  const running = new Set<Promise<void>>();
  return {
    run(name: string, task: () => Promise<void>): void {
      if (running.size >= limit) {
        log.error({ task: name }, 'background task dropped: too many in flight');
        return;
      }
      const promise = task()
        .catch((error: unknown) => log.error({ err: error, task: name }, 'background task failed'))
        .finally(() => running.delete(promise));
      running.add(promise);
    },
    /** Resolves when every task started so far has finished. */
    async drain(): Promise<void> {
      await Promise.all([...running]);
    },
  };
}

export type BackgroundTasks = ReturnType<typeof backgroundTasks>;
