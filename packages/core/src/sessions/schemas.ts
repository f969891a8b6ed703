import { z } from 'zod';
import { USER_AGENT_MAX_LENGTH } from '../limits';
import { id } from '../validation/ids';

/** Where a login comes from, as coarsely as a person needs to recognise it. */
export const sessionClientInput = z.object({
  userAgent: z
    .string()
    .optional()
    .transform((agent) => (agent ?? '').slice(0, USER_AGENT_MAX_LENGTH)),
  ip: z.string().max(64).optional(),
});
export type SessionClientInput = z.input<typeof sessionClientInput>;

/** The refresh token's claims a refresh is checked against. */
export const refreshClaimsInput = z.strictObject({
  sessionId: id,
  generation: z.number().int().min(0),
});
export type RefreshClaimsInput = z.input<typeof refreshClaimsInput>;

export interface Session {
  id: number;
  userAgent: string;
  /** The network the login came from: an IPv4 /24 or an IPv6 /48. */
  ipPrefix: string;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
}

/** A new session: its id and the generation its first refresh token carries. */
export interface StartedSession {
  sessionId: number;
  generation: number;
  /** Older sessions ended to keep the user within the quota. */
  revokedSessionIds: number[];
}

export type RefreshOutcome =
  | { ok: true; sessionId: number; generation: number }
  | {
      ok: false;
      /** A refresh token already traded in was presented again: the session was ended, as it is likely stolen. */
      revokedSessionIds: number[];
    };

export const revokeSessionInput = z.strictObject({ id });
