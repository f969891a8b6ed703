import { describe, expect, it } from 'vitest';
import { median, medianAbsoluteDeviation, successiveDifferenceSigma } from './robust-stats';

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

  it('tells the noise of a seasonal series from its season, which the MAD counts as spread', () => {
    const season = [300, 280, 220, 140, 70, 40, 40, 45, 80, 160, 250, 310];
    expect(medianAbsoluteDeviation(season)).toBeGreaterThan(100);
    expect(successiveDifferenceSigma(season)).toBeLessThan(80);
    // Plain scatter around one level: both say about the same.
    const scatter = [100, 104, 97, 101, 99, 103, 96, 100, 102, 98];
    const mad = 1.4826 * medianAbsoluteDeviation(scatter);
    expect(successiveDifferenceSigma(scatter)).toBeGreaterThan(mad / 2);
    expect(successiveDifferenceSigma(scatter)).toBeLessThan(mad * 2);
    expect(successiveDifferenceSigma([5])).toBe(0);
  });
});
