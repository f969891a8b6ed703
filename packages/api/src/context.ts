import type { Database } from '@finsight/core';
import type { AuthFlows, ClientInfo } from './auth/auth-flows';
import type { Principal } from './auth/principal';
import type { UserLimits } from './fairness/user-limits';

/** Everything a procedure may use. No request or reply: procedures stay testable with createCaller. */
export interface Context {
  /** Where this call reads and writes: a replica for a query, unless the user just wrote. */
  db: Database;
  /** The primary, for a query that also writes (recurring payments' detection keeps what it found). */
  primary: Database;
  flows: AuthFlows;
  /** Where the request comes from (rate limits, the session list). */
  client: ClientInfo;
  /** Who the request speaks for, from its credentials only; null when none or invalid. */
  principal: Principal | null;
  /** Why `principal` is null when a credential was sent but refused. */
  authProblem: string | null;
  /** The request's `Idempotency-Key` header (creates run once per key); null when none was sent. */
  idempotencyKey: string | null;
  /** Heavy calls take turns (see fairness/heavy-work.ts); absent, they run at once. */
  limits?: UserLimits;
}

export function createContextInner(options: {
  db: Database;
  flows: AuthFlows;
  principal?: Principal | null;
  client?: ClientInfo;
}): Context {
  return {
    primary: options.db,
    client: { ip: '127.0.0.1' },
    principal: null,
    authProblem: null,
    idempotencyKey: null,
    ...options,
  };
}
