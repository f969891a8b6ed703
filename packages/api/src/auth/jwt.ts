import { createSecretKey, randomUUID } from 'node:crypto';
import { AppError } from '@finsight/core/schemas';
import { errors, jwtVerify, SignJWT } from 'jose';
import { verifiedTokenCache } from './verified-tokens';

export type TokenType = 'access' | 'refresh';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const REFRESH_TOKEN_TTL_SECONDS = 7 * 24 * 60 * 60;

export interface TokenPair {
  access: string;
  refresh: string;
}

/** simplejwt's wording, so clients written for the documented backend recognise it. */
export const TOKEN_NOT_VALID = 'Given token not valid for any token type';
export const REFRESH_NOT_VALID = 'Token is invalid or expired';

/** Verified tokens remembered per process: about 200 bytes each, so 10,000 is ≈ 2 MB. */
const VERIFIED_TOKENS_REMEMBERED = 10_000;

/**
 * Signs and verifies finsight's tokens: HS256 with JWT_SECRET (only that algorithm is accepted), `sub`
 * the user id, `token_type` access or refresh so one can never stand in for the other. Used by the tRPC
 * context and the REST adapter alike.
 */
export function createTokenService(secret: string, now: () => number = () => Math.floor(Date.now() / 1000)) {
  // A KeyObject is imported once; a raw byte array would be re-imported on every verification.
  const key = createSecretKey(Buffer.from(secret));
  const verified = verifiedTokenCache(VERIFIED_TOKENS_REMEMBERED);

  async function sign(userId: number, type: TokenType): Promise<string> {
    const issuedAt = now();
    return new SignJWT({ token_type: type })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(String(userId))
      .setJti(randomUUID())
      .setIssuedAt(issuedAt)
      .setExpirationTime(
        issuedAt + (type === 'access' ? ACCESS_TOKEN_TTL_SECONDS : REFRESH_TOKEN_TTL_SECONDS),
      )
      .sign(key);
  }

  /** The user id in a valid token of the expected type; UNAUTHORIZED otherwise, without saying why. */
  async function verify(token: string, type: TokenType): Promise<number> {
    // Built only on failure: an Error captures a stack trace, which is not free on every request.
    const failure = () =>
      new AppError('UNAUTHORIZED', type === 'access' ? TOKEN_NOT_VALID : REFRESH_NOT_VALID);
    const known = verified.get(token, now());
    if (known !== undefined) {
      if (known.type !== type) throw failure();
      return known.userId;
    }
    let payload: { sub?: string; token_type?: unknown; exp?: number };
    try {
      ({ payload } = await jwtVerify(token, key, {
        algorithms: ['HS256'],
        currentDate: new Date(now() * 1000),
      }));
    } catch (error) {
      if (error instanceof errors.JOSEError || error instanceof TypeError) throw failure();
      throw error;
    }
    const userId = Number(payload.sub);
    if (payload.token_type !== type || !Number.isSafeInteger(userId) || userId < 1) throw failure();
    // Every token we sign has an `exp`; one without it is not remembered.
    if (payload.exp !== undefined) verified.set(token, { userId, type, expiresAt: payload.exp });
    return userId;
  }

  return {
    async issuePair(userId: number): Promise<TokenPair> {
      return { access: await sign(userId, 'access'), refresh: await sign(userId, 'refresh') };
    },
    signAccess: (userId: number) => sign(userId, 'access'),
    verifyAccess: (token: string) => verify(token, 'access'),
    verifyRefresh: (token: string) => verify(token, 'refresh'),
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
