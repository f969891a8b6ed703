import {
  authenticate,
  changePassword,
  confirmPasswordReset,
  type Database,
  deleteApiToken,
  deleteUserAccount,
  getProfile,
  listSessions,
  type Profile,
  register,
  requestPasswordReset,
  revokeAllSessions,
  revokeSession,
  rotateSession,
  startSession,
  verifySecondFactor,
  WRONG_CODE,
} from '@finsight/core';
import {
  AppError,
  type ChangePasswordInput,
  type DeleteAccountInput,
  fieldError,
  type LoginInput,
  type PasswordResetConfirmInput,
  type PasswordResetInput,
  type RegisterInput,
  type Session,
} from '@finsight/core/schemas';
import type { BackgroundTasks } from '../background-tasks';
import type { Mailer } from '../mail/mailer';
import { passwordResetMail } from '../mail/messages';
import { RateLimitedError, throttleAuth } from './auth-throttle';
import type { Authenticator } from './authenticator';
import { REFRESH_NOT_VALID, type TokenPair, type TokenService } from './jwt';
import type { Principal } from './principal';
import type { RateLimiter } from './rate-limiter';

/** Where a request comes from: for rate limits, and the coarse picture a session keeps. */
export interface ClientInfo {
  ip: string;
  userAgent?: string;
}

export type LoginResult =
  | ({ mfaRequired: false; user: Profile } & TokenPair)
  | { mfaRequired: true; mfaToken: string };

export interface SessionView extends Session {
  /** The session of the token this list was asked with. */
  current: boolean;
}

/**
 * The authentication flows both REST and tRPC offer, in one place: they join the account services of
 * core to the token service, the rate limits, revocation and mail. Business rules stay in core; this is
 * the transport's half (tokens, who to tell, what to send).
 */
export function createAuthFlows(deps: {
  db: Database;
  tokens: TokenService;
  authenticator: Authenticator;
  authLimiter: RateLimiter;
  /** Second-factor attempts, per user and address: a 6-digit code must not be guessable. */
  mfaLimiter: RateLimiter;
  mailer: Mailer;
  background: BackgroundTasks;
  /** The address users reach finsight at, for links in mails. */
  publicOrigin: () => string;
  /** Told of each user a flow wrote for (read replicas: their next reads must see it). */
  wrote?: (userId: number) => void;
}) {
  const { db, tokens, authenticator } = deps;

  async function openSession(userId: number, client: ClientInfo): Promise<TokenPair> {
    const started = await startSession(db, userId, { userAgent: client.userAgent, ip: client.ip });
    deps.wrote?.(userId);
    await authenticator.revoked({ sessions: started.revokedSessionIds });
    return tokens.issuePair({ userId, sessionId: started.sessionId, generation: started.generation });
  }

  return {
    /** A new account (rate-limited per address and email: it is what bounds probing for emails). */
    async register(input: RegisterInput, client: ClientInfo): Promise<Profile> {
      await throttleAuth(deps.authLimiter, 'register', client.ip, input.email);
      const profile = await register(db, input);
      deps.wrote?.(profile.id);
      return profile;
    },

    /** Email and password: a token pair, or (with 2FA on) a short-lived token for the code step. */
    async login(input: LoginInput, client: ClientInfo): Promise<LoginResult> {
      await throttleAuth(deps.authLimiter, 'login', client.ip, input.email);
      const user = await authenticate(db, input);
      if (user.twoFactorEnabled) return { mfaRequired: true, mfaToken: await tokens.signMfa(user.id) };
      return { mfaRequired: false, user, ...(await openSession(user.id, client)) };
    },

    /** The second step of a login with 2FA: the token from the first step and a code. */
    async loginWithCode(
      input: { mfaToken: string; code: string },
      client: ClientInfo,
    ): Promise<{ user: Profile } & TokenPair> {
      const userId = await tokens.verifyMfa(input.mfaToken);
      // Per address as every login step is; per account far more strictly: six digits must not be guessable.
      await throttleAuth(deps.authLimiter, 'mfa', client.ip);
      const decision = await deps.mfaLimiter.consume(`mfa:user:${userId}`);
      if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds);
      if (!(await verifySecondFactor(db, userId, { code: input.code }))) throw fieldError('code', WRONG_CODE);
      return { user: await getProfile(db, userId), ...(await openSession(userId, client)) };
    },

    /**
     * A new token pair for a refresh token (rotation). A refresh token already traded in ends its session:
     * whoever presents it second, the legitimate client or a thief, the session is no longer trusted.
     */
    async refresh(refresh: string, client: ClientInfo): Promise<TokenPair> {
      await throttleAuth(deps.authLimiter, 'refresh', client.ip);
      const claims = await tokens.verifyRefresh(refresh);
      const outcome = await rotateSession(db, claims.userId, {
        sessionId: claims.sessionId,
        generation: claims.generation,
      });
      deps.wrote?.(claims.userId);
      if (!outcome.ok) {
        await authenticator.revoked({ sessions: outcome.revokedSessionIds });
        throw new AppError('UNAUTHORIZED', REFRESH_NOT_VALID);
      }
      return tokens.issuePair({
        userId: claims.userId,
        sessionId: outcome.sessionId,
        generation: outcome.generation,
      });
    },

    /** Ends the session of a refresh token (logging out twice is fine). */
    async logout(refresh: string, client: ClientInfo): Promise<void> {
      await throttleAuth(deps.authLimiter, 'refresh', client.ip);
      const { userId, sessionId } = await tokens.verifyRefresh(refresh);
      try {
        await authenticator.revoked({ sessions: await revokeSession(db, userId, { id: sessionId }) });
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
      }
    },

    async logoutEverywhere(principal: Principal): Promise<void> {
      await authenticator.revoked({ sessions: await revokeAllSessions(db, principal.userId) });
    },

    async sessions(principal: Principal): Promise<SessionView[]> {
      return (await listSessions(db, principal.userId)).map((session) => ({
        ...session,
        current: session.id === principal.sessionId,
      }));
    },

    async endSession(principal: Principal, id: number): Promise<void> {
      await authenticator.revoked({ sessions: await revokeSession(db, principal.userId, { id }) });
    },

    /** A new password ends every session; the caller gets a fresh one in their place. */
    async changePassword(
      principal: Principal,
      input: ChangePasswordInput,
      client: ClientInfo,
    ): Promise<TokenPair> {
      const { revokedSessionIds } = await changePassword(db, principal.userId, input);
      await authenticator.revoked({ sessions: revokedSessionIds });
      return openSession(principal.userId, client);
    },

    /**
     * Answers at once, whether or not the email has an account, and does the work afterwards: the reply and
     * its timing say nothing about which emails exist.
     */
    async requestPasswordReset(input: PasswordResetInput, client: ClientInfo): Promise<void> {
      await throttleAuth(deps.authLimiter, 'password-reset', client.ip, input.email);
      deps.background.run('password reset mail', async () => {
        const reset = await requestPasswordReset(db, input);
        if (!reset) return;
        const link = `${deps.publicOrigin()}/reset-password?token=${encodeURIComponent(reset.token)}`;
        await deps.mailer.send(passwordResetMail(reset, link));
      });
    },

    async confirmPasswordReset(input: PasswordResetConfirmInput, client: ClientInfo): Promise<void> {
      await throttleAuth(deps.authLimiter, 'password-reset', client.ip);
      const { revokedSessionIds } = await confirmPasswordReset(db, input);
      await authenticator.revoked({ sessions: revokedSessionIds });
    },

    async deleteAccount(principal: Principal, input: DeleteAccountInput): Promise<void> {
      const { revokedSessionIds } = await deleteUserAccount(db, principal.userId, input);
      await authenticator.revoked({ sessions: revokedSessionIds });
    },

    async deleteApiToken(principal: Principal, id: number): Promise<void> {
      await deleteApiToken(db, principal.userId, { id });
      await authenticator.revoked({ tokens: [id] });
    },
  };
}

export type AuthFlows = ReturnType<typeof createAuthFlows>;
