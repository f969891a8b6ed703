import { z } from 'zod';

const wholeNumber = () =>
  z.number({ error: 'A valid integer is required.' }).int({ error: 'A valid integer is required.' });

/** A page size from 1 to `max`, `fallback` when omitted (DRF's words for the errors). */
export const pageLimit = (max: number, fallback: number) =>
  wholeNumber()
    .min(1, { error: 'Ensure this value is greater than or equal to 1.' })
    .max(max, { error: `Ensure this value is less than or equal to ${max}.` })
    .default(fallback);

/** Rows to skip before a page, 0 when omitted. */
export const pageOffset = () =>
  wholeNumber()
    .min(0, { error: 'Ensure this value is greater than or equal to 0.' })
    .max(1_000_000, { error: 'Ensure this value is less than or equal to 1000000.' })
    .default(0);
