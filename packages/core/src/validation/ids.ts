import { z } from 'zod';

/** Users keep PostgreSQL integer ids (tokens carry them in `sub`). */
export const MAX_USER_ID = 2_147_483_647;
/**
 * Everything a user owns has a bigint id (drizzle/0010: on Citus each worker draws from its own range,
 * which starts at 2^48 times its group). Read and written as JavaScript numbers, exact up to 2^53 - 1.
 */
export const MAX_ID = Number.MAX_SAFE_INTEGER;

/** Ids of what a user owns: positive integers, as in the documented framework. */
export const id = z
  .number({ error: 'A valid integer is required.' })
  .int({ error: 'A valid integer is required.' })
  .min(1, { error: 'Ensure this value is greater than or equal to 1.' })
  .max(MAX_ID, { error: `Ensure this value is less than or equal to ${MAX_ID}.` });

export const byIdInput = z.strictObject({ id });
export type ByIdInput = z.input<typeof byIdInput>;
