import { describe, expect, it } from 'vitest';
import { concurrencyGate, MAX_WAIT_MS, MAX_WAITING } from './concurrency-gate';

describe('the concurrency gate', () => {
  it('lets a user run up to the limit, queues the next ones first come first served, and frees slots', async () => {
    const gate = concurrencyGate(2);
    const first = await gate.acquire(1);
    const second = await gate.acquire(1);
    expect(gate.running(1)).toBe(2);
    const order: string[] = [];
    const queued = (name: string) =>
      gate.acquire(1).then((release) => {
        order.push(name);
        return release;
      });
    const third = queued('third');
    const fourth = queued('fourth');
    // Another user is never behind this one.
    expect(await gate.acquire(2)).toBeTypeOf('function');
    first?.();
    first?.(); // releasing twice gives back one slot, not two
    const thirdRelease = await third;
    expect(order).toEqual(['third']);
    second?.();
    (await fourth)?.();
    thirdRelease?.();
    expect(gate.running(1)).toBe(0);
  });

  it(`turns a request away after ${MAX_WAIT_MS} ms, and at once when ${MAX_WAITING} already wait`, async () => {
    const gate = concurrencyGate(1);
    const held = await gate.acquire(1);
    const waiting = Array.from({ length: MAX_WAITING }, () => gate.acquire(1));
    expect(await gate.acquire(1)).toBeNull();
    const started = Date.now();
    const results = await Promise.all(waiting);
    expect(results.every((result) => result === null)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(MAX_WAIT_MS - 50);
    held?.();
    expect(gate.running(1)).toBe(0);
  });
});
