import { describe, expect, it } from 'vitest';
import { axisMoney, monthTick, niceTicks } from './chart-scale';

describe('chart axes', () => {
  it('steps the amount axis in round numbers up to the largest bar', () => {
    expect(niceTicks(4200)).toEqual([0, 2000, 4000, 6000]);
    expect(niceTicks(3900)).toEqual([0, 1000, 2000, 3000, 4000]);
    expect(niceTicks(1_237_439.57)).toEqual([0, 500_000, 1_000_000, 1_500_000]);
    expect(niceTicks(90)).toEqual([0, 25, 50, 75, 100]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });

  it('labels amounts briefly, in the locale and currency', () => {
    expect(axisMoney('en-US', 'USD')(4000)).toBe('$4K');
    expect(axisMoney('de-DE', 'EUR')(1_500_000).replace(/\u00a0/g, ' ')).toBe('1,5 Mio. €');
  });

  it('gives each month its short name, and the year on the first bar and every January', () => {
    expect(monthTick('2026-03', 'en-US', 0)).toEqual({ month: 'Mar', year: '2026' });
    expect(monthTick('2026-04', 'en-US', 1)).toEqual({ month: 'Apr', year: null });
    expect(monthTick('2027-01', 'de-DE', 10)).toEqual({ month: 'Jan', year: '2027' });
    expect(monthTick('2027-03', 'de-DE', 0)).toEqual({ month: 'Mär', year: '2027' });
  });
});
