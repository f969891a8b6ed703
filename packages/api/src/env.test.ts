import { describe, expect, it } from 'vitest';
import { resolveJwtSecret } from './auth/secret';
import { loadEnv } from './env';

describe('environment', () => {
  it('has working defaults', () => {
    expect(loadEnv({})).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      HOST: '127.0.0.1',
      CORS_ORIGINS: [],
      AUTH_RATE_LIMIT: { max: 10, windowMs: 60_000 },
      LOG_LEVEL: 'info',
    });
    expect(loadEnv({}).DATABASE_URL).toBeUndefined();
  });

  it('parses lists, limits and URLs', () => {
    expect(
      loadEnv({
        CORS_ORIGINS: 'https://a.example.com, http://localhost:5173',
        AUTH_RATE_LIMIT: '100/hour',
        DATABASE_URL: 'postgres://u@db:5432/finsight',
        REDIS_URL: '',
      }),
    ).toMatchObject({
      CORS_ORIGINS: ['https://a.example.com', 'http://localhost:5173'],
      AUTH_RATE_LIMIT: { max: 100, windowMs: 3_600_000 },
      DATABASE_URL: 'postgres://u@db:5432/finsight',
      REDIS_URL: undefined,
    });
    expect(loadEnv({ AUTH_RATE_LIMIT: 'off' }).AUTH_RATE_LIMIT).toBeNull();
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ AUTH_RATE_LIMIT: 'lots' }, 'AUTH_RATE_LIMIT'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ CORS_ORIGINS: 'not a url' }, 'CORS_ORIGINS'],
    [{ REDIS_URL: 'http://x' }, 'REDIS_URL'],
  ])('stops start-up on %j, naming %s', (source, name) => {
    expect(() => loadEnv(source)).toThrow(new RegExp(`Invalid environment:\\n.*${name}`));
  });

  it('takes read replicas as a list of PostgreSQL URLs, only with a primary', () => {
    const primary = 'postgres://u@db:5432/finsight';
    expect(loadEnv({}).DATABASE_READ_URL).toEqual([]);
    expect(
      loadEnv({
        DATABASE_URL: primary,
        DATABASE_READ_URL: 'postgres://u@r1/finsight, postgres://u@r2/finsight',
      }).DATABASE_READ_URL,
    ).toEqual(['postgres://u@r1/finsight', 'postgres://u@r2/finsight']);
    expect(() => loadEnv({ DATABASE_URL: primary, DATABASE_READ_URL: 'mysql://r1/finsight' })).toThrow(
      'DATABASE_READ_URL.0: each replica must be a URL like postgres://user@replica-host:5432/finsight',
    );
    expect(() => loadEnv({ DATABASE_READ_URL: 'postgres://u@r1/finsight' })).toThrow(
      'DATABASE_READ_URL: needs DATABASE_URL',
    );
  });

  it('requires JWT_SECRET in production, and keeps a generated one in development', async () => {
    expect(() => resolveJwtSecret(loadEnv({ NODE_ENV: 'production' }))).toThrow(
      /JWT_SECRET: required in production/,
    );
    const { mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dataDir = join(mkdtempSync(join(tmpdir(), 'finsight-env-')), 'pglite');
    const first = resolveJwtSecret(loadEnv({ DATA_DIR: dataDir }));
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(resolveJwtSecret(loadEnv({ DATA_DIR: dataDir }))).toBe(first);
  });
});
