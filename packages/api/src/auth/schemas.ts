import { z } from 'zod';

/** The refresh request, shared by the tRPC `auth.refresh` procedure and `POST /api/auth/refresh/`. */
export const refreshInput = z.strictObject({
  refresh: z.string({ error: 'This field is required.' }).min(1).max(4096),
});
