/** How long a request waits for one of its user's slots before it is turned away. */
export const MAX_WAIT_MS = 2_000;
/** Requests of one user allowed to wait at once; more are turned away immediately. */
export const MAX_WAITING = 32;

interface Waiter {
  grant(): void;
  timer: NodeJS.Timeout;
}

interface Slots {
  running: number;
  waiting: Waiter[];
}

/**
 * At most `perUser` requests of one user run at once; the next ones wait (first come, first served) up to
 * MAX_WAIT_MS for a slot. One user's burst then queues behind itself instead of filling the process: other
 * users' requests are never in that queue.
 */
export function concurrencyGate(perUser: number) {
  const users = new Map<number, Slots>();

  function release(userId: number, slots: Slots) {
    const next = slots.waiting.shift();
    if (next) {
      clearTimeout(next.timer);
      next.grant();
      return;
    }
    slots.running -= 1;
    if (slots.running === 0) users.delete(userId);
  }

  function slotsOf(userId: number): Slots {
    let slots = users.get(userId);
    if (!slots) {
      slots = { running: 0, waiting: [] };
      users.set(userId, slots);
    }
    return slots;
  }

  function releaser(userId: number, held: Slots): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      release(userId, held);
    };
  }

  return {
    /** A free slot now, without waiting (its release), or null when the user has none free. */
    tryAcquire(userId: number): (() => void) | null {
      const held = slotsOf(userId);
      if (held.running >= perUser) return null;
      held.running += 1;
      return releaser(userId, held);
    },

    /**
     * A slot for one request of the user: resolves with its release (call it once, when the request is over),
     * or with null when none became free in time.
     */
    acquire(userId: number): Promise<(() => void) | null> {
      const held = slotsOf(userId);
      const releaseOnce = releaser(userId, held);
      if (held.running < perUser) {
        held.running += 1;
        return Promise.resolve(releaseOnce);
      }
      if (held.waiting.length >= MAX_WAITING) return Promise.resolve(null);
      return new Promise((resolve) => {
        const waiter: Waiter = {
          grant: () => resolve(releaseOnce),
          timer: setTimeout(() => {
            held.waiting.splice(held.waiting.indexOf(waiter), 1);
            resolve(null);
          }, MAX_WAIT_MS),
        };
        held.waiting.push(waiter);
      });
    },
    /** Requests of the user running now (tests, metrics). */
    running: (userId: number) => users.get(userId)?.running ?? 0,
  };
}

export type ConcurrencyGate = ReturnType<typeof concurrencyGate>;
