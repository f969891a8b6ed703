import { describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_TTL_SECONDS, createTokenService, TOKEN_NOT_VALID } from './jwt';
import { verifiedTokenCache } from './verified-tokens';

const SECRET = 'verified-token-cache-test-secret-0123456789';

describe('remembering verified tokens', () => {
  it('still refuses a remembered token once it has expired', async () => {
    let clock = 1_800_000_000;
    const tokens = createTokenService(SECRET, () => clock);
    const { access } = await tokens.issuePair({ userId: 7, sessionId: 3, generation: 0 });
    expect(await tokens.verifyAccess(access)).toEqual({ userId: 7, sessionId: 3 });

    clock += ACCESS_TOKEN_TTL_SECONDS - 1;
    expect(await tokens.verifyAccess(access)).toEqual({ userId: 7, sessionId: 3 });

    clock += 1;
    await expect(tokens.verifyAccess(access)).rejects.toThrow(TOKEN_NOT_VALID);
  });

  it('does not let a remembered access token stand in for a refresh token, or the reverse', async () => {
    const tokens = createTokenService(SECRET);
    const pair = await tokens.issuePair({ userId: 7, sessionId: 3, generation: 0 });
    await tokens.verifyAccess(pair.access);
    await tokens.verifyRefresh(pair.refresh);
    await expect(tokens.verifyRefresh(pair.access)).rejects.toThrow();
    await expect(tokens.verifyAccess(pair.refresh)).rejects.toThrow(TOKEN_NOT_VALID);
  });

  it('does not remember a token that failed, so a forged one fails every time', async () => {
    const tokens = createTokenService(SECRET);
    const { access: forged } = await createTokenService('another-secret-entirely-0123456789abcdef').issuePair(
      {
        userId: 7,
        sessionId: 3,
        generation: 0,
      },
    );
    await expect(tokens.verifyAccess(forged)).rejects.toThrow(TOKEN_NOT_VALID);
    await expect(tokens.verifyAccess(forged)).rejects.toThrow(TOKEN_NOT_VALID);
  });

  it('keeps at most its capacity, dropping the oldest first', () => {
    const cache = verifiedTokenCache(2);
    const entry = (userId: number) => ({ claims: { userId, sessionId: 1 }, expiresAt: 100 });
    cache.set('a', entry(1));
    cache.set('b', entry(2));
    cache.set('c', entry(3));
    expect(cache.size).toBe(2);
    expect(cache.get('a', 0)).toBeUndefined();
    expect(cache.get('b', 0)?.userId).toBe(2);
    expect(cache.get('c', 0)?.userId).toBe(3);
  });
});
