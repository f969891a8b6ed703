import { describe, expect, it } from 'vitest';
import { heavyWork } from './heavy-work';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('heavy work', () => {
  it('runs one piece of a user’s heavy work at a time, in order, while other users go on', async () => {
    const heavy = heavyWork(4);
    const log: string[] = [];
    const piece = (user: number, name: string) =>
      heavy.run(user, async () => {
        log.push(`${name} starts`);
        await tick();
        log.push(`${name} ends`);
      });
    await Promise.all([piece(1, 'a1'), piece(1, 'a2'), piece(2, 'b1')]);
    expect(log.indexOf('a2 starts')).toBeGreaterThan(log.indexOf('a1 ends'));
    expect(log.indexOf('b1 starts')).toBeLessThan(log.indexOf('a1 ends'));
  });

  it('runs at most `total` across all users, and frees the turn when the work fails', async () => {
    const heavy = heavyWork(2);
    let running = 0;
    let most = 0;
    const piece = (user: number) =>
      heavy.run(user, async () => {
        running += 1;
        most = Math.max(most, running);
        await tick();
        running -= 1;
      });
    await Promise.all([1, 2, 3, 4, 5].map(piece));
    expect(most).toBe(2);
    await expect(heavy.run(1, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(heavy.run(1, async () => 'next')).resolves.toBe('next');
  });
});
