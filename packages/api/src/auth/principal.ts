import type { ApiTokenScope } from '@finsight/core/schemas';

/** Who a request speaks for, from its credentials only. */
export interface Principal {
  userId: number;
  /** The login session of an access token; null for a personal API token. */
  sessionId: number | null;
  /** The personal API token used; null for an access token. */
  tokenId: number | null;
  /** `read` tokens may read and nothing else. Access tokens can do everything. */
  scope: ApiTokenScope;
}

export const READ_ONLY_TOKEN =
  'This API token can only read. Create a token with the "write" scope to make changes.';
export const SESSION_REQUIRED =
  'Sign in with your password for this: API tokens cannot manage the account, its sessions or its tokens.';
