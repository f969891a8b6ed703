import { z } from 'zod';
import { API_TOKEN_NAME_MAX_LENGTH } from '../limits';

export const API_TOKEN_SCOPES = ['read', 'write'] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

/** Every personal API token starts with this, so it is recognisable (and findable by secret scanners). */
export const API_TOKEN_PREFIX = 'fs_';
export const API_TOKEN_MAX_DAYS = 3650;

export const createApiTokenInput = z.strictObject({
  name: z
    .string({ error: 'This field is required.' })
    .trim()
    .min(1, { error: 'This field may not be blank.' })
    .max(API_TOKEN_NAME_MAX_LENGTH, {
      error: `Ensure this field has no more than ${API_TOKEN_NAME_MAX_LENGTH} characters.`,
    })
    .meta({ description: 'What the token is for, e.g. "Budget script"', examples: ['Claude Desktop'] }),
  scope: z
    .enum(API_TOKEN_SCOPES, { error: 'Choose "read" or "write".' })
    .meta({ description: '`read`: reads only; `write`: everything the user can do with their data' }),
  expiresInDays: z
    .number({ error: 'A valid integer is required.' })
    .int({ error: 'A valid integer is required.' })
    .min(1, { error: 'Ensure this value is greater than or equal to 1.' })
    .max(API_TOKEN_MAX_DAYS, {
      error: `Ensure this value is less than or equal to ${API_TOKEN_MAX_DAYS}.`,
    })
    .default(90)
    .meta({ description: 'Days until the token stops working (default 90)' }),
});
export type CreateApiTokenInput = z.input<typeof createApiTokenInput>;

export interface ApiToken {
  id: number;
  name: string;
  scope: ApiTokenScope;
  /** The token's first characters, to tell tokens apart; never enough to use one. */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

/** A token as created: the only time the token itself is shown. */
export interface CreatedApiToken extends ApiToken {
  token: string;
}

/** Who an API token speaks for. */
export interface ApiTokenOwner {
  userId: number;
  tokenId: number;
  scope: ApiTokenScope;
}
