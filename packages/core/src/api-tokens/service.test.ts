import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../db/rows';
import { QUOTAS } from '../limits';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { createUser } from '../testing/fixtures';
import { createApiToken, deleteApiToken, findApiTokenOwner, hashApiToken, listApiTokens } from './service';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('personal API tokens', () => {
  it('are shown once, stored only as a hash, and speak for their user with their scope', async () => {
    const user = await createUser(database.db);
    const created = await createApiToken(database.db, user.id, { name: 'Budget script', scope: 'read' });
    expect(created.token).toMatch(/^fs_[\w-]{43}$/);
    expect(created).toMatchObject({
      name: 'Budget script',
      scope: 'read',
      prefix: created.token.slice(0, 9),
    });
    const stored = rowsOf<{ token_hash: string }>(
      await database.db.execute(sql`SELECT token_hash FROM api_tokens WHERE id = ${created.id}`),
    );
    expect(stored).toEqual([{ token_hash: hashApiToken(created.token) }]);
    expect(JSON.stringify(await listApiTokens(database.db, user.id))).not.toContain(created.token);
    expect(await findApiTokenOwner(database.db, created.token)).toEqual({
      userId: user.id,
      tokenId: created.id,
      scope: 'read',
    });
    expect((await listApiTokens(database.db, user.id))[0]?.lastUsedAt).not.toBeNull();
  });

  it('expire after the days asked for (90 by default)', async () => {
    const user = await createUser(database.db);
    const token = await createApiToken(database.db, user.id, { name: 'default', scope: 'write' });
    const days = (Date.parse(token.expiresAt ?? '') - Date.parse(token.createdAt)) / 86_400_000;
    expect(Math.round(days)).toBe(90);
    await database.db.execute(
      sql`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = ${token.id}`,
    );
    expect(await findApiTokenOwner(database.db, token.token)).toBeNull();
  });

  it('stop working when deleted, and only their user can delete them', async () => {
    const user = await createUser(database.db);
    const other = await createUser(database.db);
    const token = await createApiToken(database.db, user.id, {
      name: 'mcp',
      scope: 'write',
      expiresInDays: 1,
    });
    await expect(deleteApiToken(database.db, other.id, { id: token.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await deleteApiToken(database.db, user.id, { id: token.id });
    expect(await findApiTokenOwner(database.db, token.token)).toBeNull();
    expect(await findApiTokenOwner(database.db, 'fs_made-up')).toBeNull();
    expect(await findApiTokenOwner(database.db, 'eyJhbGciOi.not.a.token')).toBeNull();
  });

  it('refuse a duplicate name, a bad scope or lifetime, and more than the quota', async () => {
    const user = await createUser(database.db);
    await createApiToken(database.db, user.id, { name: 'Sync', scope: 'read' });
    await expect(createApiToken(database.db, user.id, { name: 'sync', scope: 'read' })).rejects.toMatchObject(
      {
        code: 'CONFLICT',
        fieldErrors: { name: [expect.stringContaining('already have a token')] },
      },
    );
    await expect(
      createApiToken(database.db, user.id, { name: 'x', scope: 'admin' as never, expiresInDays: 0 }),
    ).rejects.toMatchObject({ fieldErrors: { scope: expect.any(Array), expiresInDays: expect.any(Array) } });
    await database.db.execute(sql`INSERT INTO api_tokens (user_id, name, scope, token_hash, prefix)
      SELECT ${user.id}, 'bulk ' || n, 'read', md5(n::text || 'a') || md5(n::text || 'b'), 'fs_'
        FROM generate_series(2, ${QUOTAS.apiTokens}) AS n`);
    await expect(
      createApiToken(database.db, user.id, { name: 'one more', scope: 'read' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(`${QUOTAS.apiTokens} API tokens`),
    });
  });
});
