import { describe, expect, it } from 'vitest';
import { median, medianAbsoluteDeviation } from './robust-stats';

describe('robust statistics', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(RangeError);
  });

  it('is not moved by one wild value, unlike a mean', () => {
    expect(median([100, 102, 98, 101, 5000])).toBe(101);
    expect(medianAbsoluteDeviation([100, 102, 98, 101, 5000])).toBe(1);
  });
});
