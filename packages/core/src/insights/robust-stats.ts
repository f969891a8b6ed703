/** Median of a non-empty list (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] as number) + upper) / 2;
}

/** Median absolute deviation around `center`. */
export function medianAbsoluteDeviation(values: readonly number[], center = median(values)): number {
  return median(values.map((value) => Math.abs(value - center)));
}

/** Scales a MAD to estimate a standard deviation for normally distributed data. */
export const MAD_TO_SIGMA = 1.4826;

/**
 * The noise of a series whose level drifts (a season): the median absolute change between neighbours,
 * scaled like a MAD and divided by √2, as each change carries the noise of two values. For values that
 * only scatter around one level it estimates the same standard deviation as the MAD does; a level that
 * rises and falls through the year, which the MAD counts as spread, moves it far less. 0 for fewer than two.
 */
export function successiveDifferenceSigma(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const changes = values.slice(1).map((value, index) => Math.abs(value - (values[index] as number)));
  return (MAD_TO_SIGMA * median(changes)) / Math.SQRT2;
}
