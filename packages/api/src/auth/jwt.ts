import { createSecretKey, randomUUID } from 'node:crypto';
import { AppError, MAX_ID, MAX_USER_ID } from '@finsight/core/schemas';
import { errors, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { verifiedTokenCache } from './verified-tokens';

export type TokenType = 'access' | 'refresh' | 'mfa';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const REFRESH_TOKEN_TTL_SECONDS = 7 * 24 * 60 * 60;
/** The second step of a login with 2FA must follow the first within this time. */
export const MFA_TOKEN_TTL_SECONDS = 5 * 60;

const TTL: Record<TokenType, number> = {
  access: ACCESS_TOKEN_TTL_SECONDS,
  refresh: REFRESH_TOKEN_TTL_SECONDS,
  mfa: MFA_TOKEN_TTL_SECONDS,
};

export interface TokenPair {
  access: string;
  refresh: string;
}

/** What an access token says: whose it is and which session (login) it belongs to. */
export interface AccessClaims {
  userId: number;
  sessionId: number;
}

/** What a refresh token says besides: which of the session's refresh tokens it is. */
export interface RefreshClaims extends AccessClaims {
  generation: number;
}

/** simplejwt's wording, so clients written for the documented backend recognise it. */
export const TOKEN_NOT_VALID = 'Given token not valid for any token type';
export const REFRESH_NOT_VALID = 'Token is invalid or expired';
export const MFA_TOKEN_NOT_VALID = 'The sign-in step has expired. Log in again with your password.';

const FAILURE_MESSAGE: Record<TokenType, string> = {
  access: TOKEN_NOT_VALID,
  refresh: REFRESH_NOT_VALID,
  mfa: MFA_TOKEN_NOT_VALID,
};

/** Verified tokens remembered per process: about 200 bytes each, so 10,000 is ≈ 2 MB. */
const VERIFIED_TOKENS_REMEMBERED = 10_000;

/** A user id as we write it in `sub`: digits, no sign, no leading zero, within PostgreSQL's integer. */
function userIdOf(subject: unknown): number | undefined {
  if (typeof subject !== 'string' || !/^[1-9]\d{0,9}$/.test(subject)) return undefined;
  const id = Number(subject);
  return id <= MAX_USER_ID ? id : undefined;
}

const positiveId = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_ID;

/**
 * Signs and verifies finsight's tokens: HS256 with JWT_SECRET (only that algorithm is accepted), `sub`
 * the user id, `sid` the session, `token_type` access, refresh or mfa so one can never stand in for
 * another, `exp` required. Used by the tRPC context, the REST adapter and MCP alike. Whether the session is
 * still live is the authenticator's question, not the signature's.
 */
export function createTokenService(secret: string, now: () => number = () => Math.floor(Date.now() / 1000)) {
  // A KeyObject is imported once; a raw byte array would be re-imported on every verification.
  const key = createSecretKey(Buffer.from(secret));
  const verified = verifiedTokenCache(VERIFIED_TOKENS_REMEMBERED);

  function sign(type: TokenType, userId: number, claims: Record<string, number> = {}): Promise<string> {
    const issuedAt = now();
    return new SignJWT({ token_type: type, ...claims })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(String(userId))
      .setJti(randomUUID())
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + TTL[type])
      .sign(key);
  }

  /** The payload of a valid token of the expected type; UNAUTHORIZED otherwise, without saying why. */
  async function verify(token: string, type: TokenType): Promise<JWTPayload & { userId: number }> {
    // Built only on failure: an Error captures a stack trace, which is not free on every request.
    const failure = () => new AppError('UNAUTHORIZED', FAILURE_MESSAGE[type]);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key, {
        algorithms: ['HS256'],
        currentDate: new Date(now() * 1000),
        requiredClaims: ['exp', 'sub', 'iat'],
      }));
    } catch (error) {
      if (error instanceof errors.JOSEError || error instanceof TypeError) throw failure();
      throw error;
    }
    const userId = userIdOf(payload.sub);
    if (payload.token_type !== type || userId === undefined) throw failure();
    return { ...payload, userId };
  }

  return {
    /** A session's first token pair, or the pair a refresh rotates to. */
    async issuePair(claims: RefreshClaims): Promise<TokenPair> {
      const { userId, sessionId, generation } = claims;
      return {
        access: await sign('access', userId, { sid: sessionId }),
        refresh: await sign('refresh', userId, { sid: sessionId, gen: generation }),
      };
    },
    /** A short-lived token that proves the password was right, good only for the 2FA step. */
    signMfa: (userId: number) => sign('mfa', userId),

    /** The claims of an access token verified before and not expired since; undefined otherwise. */
    knownAccess: (token: string): AccessClaims | undefined => verified.get(token, now()),

    async verifyAccess(token: string): Promise<AccessClaims> {
      const known = verified.get(token, now());
      if (known !== undefined) return known;
      const payload = await verify(token, 'access');
      if (!positiveId(payload.sid) || typeof payload.exp !== 'number') {
        throw new AppError('UNAUTHORIZED', TOKEN_NOT_VALID);
      }
      const claims = { userId: payload.userId, sessionId: payload.sid };
      verified.set(token, { claims, expiresAt: payload.exp });
      return claims;
    },

    async verifyRefresh(token: string): Promise<RefreshClaims> {
      const payload = await verify(token, 'refresh');
      const generation = payload.gen;
      if (
        !positiveId(payload.sid) ||
        typeof generation !== 'number' ||
        !Number.isInteger(generation) ||
        generation < 0
      ) {
        throw new AppError('UNAUTHORIZED', REFRESH_NOT_VALID);
      }
      return { userId: payload.userId, sessionId: payload.sid, generation };
    },

    async verifyMfa(token: string): Promise<number> {
      return (await verify(token, 'mfa')).userId;
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;

export const NO_CREDENTIALS = 'Authentication credentials were not provided.';

/** The token in an `Authorization: Bearer <token>` header; undefined when the header is absent. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined || header === '') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) {
    throw new AppError('UNAUTHORIZED', 'Authorization header must contain two space-delimited values');
  }
  return match[1];
}
