import { z } from 'zod';

export const loadDemoDataInput = z.strictObject({
  months: z.number().int().min(1).max(36).default(12),
  seed: z.number().int().default(42),
});
export type LoadDemoDataInput = z.input<typeof loadDemoDataInput>;

export const resetAccountDataInput = z.strictObject({
  password: z
    .string({ error: 'This field is required.' })
    .min(1, { error: 'This field may not be blank.' })
    .max(256),
});
export type ResetAccountDataInput = z.input<typeof resetAccountDataInput>;
