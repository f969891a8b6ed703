import { z } from 'zod';

export const MAX_ID = 2_147_483_647;

/** Database ids are PostgreSQL integers, as in the documented framework. */
export const id = z
  .number({ error: 'A valid integer is required.' })
  .int({ error: 'A valid integer is required.' })
  .min(1, { error: 'Ensure this value is greater than or equal to 1.' })
  .max(MAX_ID, { error: `Ensure this value is less than or equal to ${MAX_ID}.` });

export const byIdInput = z.strictObject({ id });
export type ByIdInput = z.input<typeof byIdInput>;
