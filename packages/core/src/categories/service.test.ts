import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../accounts/schemas';
import { QUOTAS } from '../limits';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { createUser, tableCounts } from '../testing/fixtures';
import { createTransaction } from '../transactions/service';
import { createCategory, deleteCategory, getCategory, listCategories, renameCategory } from './service';

let database: TestDatabase;
let alice: Profile;
let bob: Profile;
beforeAll(async () => {
  database = await createTestDatabase();
  alice = await createUser(database.db, 'alice');
  bob = await createUser(database.db, 'bob');
});
afterAll(() => database.close());

describe('categories', () => {
  it('creates with a trimmed name and lists alphabetically, ignoring case', async () => {
    const db = database.db;
    const rent = await createCategory(db, alice.id, { name: '  Rent ' });
    expect(rent).toMatchObject({ id: expect.any(Number), name: 'Rent' });
    await createCategory(db, alice.id, { name: 'groceries' });
    await createCategory(db, alice.id, { name: 'Salary' });
    expect((await listCategories(db, alice.id)).map((c) => c.name)).toEqual(['groceries', 'Rent', 'Salary']);
  });

  it('keeps names unique per user regardless of case, but lets two users share a name', async () => {
    const db = database.db;
    await expect(createCategory(db, alice.id, { name: 'RENT' })).rejects.toMatchObject({
      code: 'CONFLICT',
      fieldErrors: { name: ['You already have a category named "RENT".'] },
    });
    await expect(createCategory(db, bob.id, { name: 'Rent' })).resolves.toMatchObject({ name: 'Rent' });
  });

  it('renames, refusing a name another of the user’s categories has', async () => {
    const db = database.db;
    const travel = await createCategory(db, alice.id, { name: 'Travel' });
    expect(await renameCategory(db, alice.id, { id: travel.id, name: 'Trips' })).toMatchObject({
      name: 'Trips',
    });
    await expect(renameCategory(db, alice.id, { id: travel.id, name: 'salary' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    // Changing only the case of its own name is fine.
    expect(await renameCategory(db, alice.id, { id: travel.id, name: 'TRIPS' })).toMatchObject({
      name: 'TRIPS',
    });
  });

  it.each([
    [{ name: '' }],
    [{ name: '   ' }],
    [{ name: 'x'.repeat(101) }],
    [{ name: 42 }],
    [{}],
    [{ name: 'Ok', userId: 1 }],
  ])('refuses %j and writes nothing', async (input) => {
    const before = await tableCounts(database.db);
    await expect(createCategory(database.db, alice.id, input as never)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(await tableCounts(database.db)).toEqual(before);
  });

  it('refuses to delete a category that transactions use, and says why', async () => {
    const db = database.db;
    const food = await createCategory(db, alice.id, { name: 'Food' });
    await createTransaction(db, alice.id, {
      categoryId: food.id,
      type: 'EXPENSE',
      amount: '9.99',
      date: '2026-03-02',
    });
    await createTransaction(db, alice.id, {
      categoryId: food.id,
      type: 'EXPENSE',
      amount: '5',
      date: '2026-03-03',
    });
    await expect(deleteCategory(db, alice.id, { id: food.id })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Cannot delete category "Food": 2 transactions use it. Move or delete them first.',
    });
    expect(await getCategory(db, alice.id, { id: food.id })).toMatchObject({ name: 'Food' });
  });

  it('deletes an unused category', async () => {
    const db = database.db;
    const spare = await createCategory(db, alice.id, { name: 'Spare' });
    await deleteCategory(db, alice.id, { id: spare.id });
    await expect(getCategory(db, alice.id, { id: spare.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers another user’s category ids with not-found everywhere, and changes nothing', async () => {
    const db = database.db;
    const [bobs] = await listCategories(db, bob.id);
    if (!bobs) throw new Error('bob has no category');
    const before = await tableCounts(db);
    for (const attempt of [
      () => getCategory(db, alice.id, { id: bobs.id }),
      () => renameCategory(db, alice.id, { id: bobs.id, name: 'Mine now' }),
      () => deleteCategory(db, alice.id, { id: bobs.id }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Not found.' });
    }
    expect(await tableCounts(db)).toEqual(before);
    expect(await getCategory(db, bob.id, { id: bobs.id })).toMatchObject({ name: 'Rent' });
    expect((await listCategories(db, alice.id)).map((c) => c.id)).not.toContain(bobs.id);
  });

  it('treats names that look the same as the same: full-width letters, invisible characters', async () => {
    const db = database.db;
    const carol = await createUser(db, 'carol');
    const food = await createCategory(db, carol.id, { name: 'Food' });
    for (const lookalike of ['Ｆｏｏｄ', 'Fo\u200bod', '\ufeffFOOD', 'Fo\u00adod']) {
      await expect(createCategory(db, carol.id, { name: lookalike })).rejects.toMatchObject({
        code: 'CONFLICT',
        fieldErrors: { name: [expect.stringContaining('already have a category')] },
      });
    }
    // Stored as it is compared: the full-width name becomes plain letters.
    expect((await createCategory(db, carol.id, { name: 'Ｒｅｎｔ' })).name).toBe('Rent');
    // An emoji keeps the joiner its sequence needs.
    expect((await createCategory(db, carol.id, { name: '👨‍👩‍👧 Family' })).name).toBe('👨‍👩‍👧 Family');
    expect(await getCategory(db, carol.id, { id: food.id })).toMatchObject({ name: 'Food' });
  });

  it('refuses text the database cannot store, naming the field, and writes nothing', async () => {
    const db = database.db;
    const before = await tableCounts(db);
    await expect(createCategory(db, alice.id, { name: 'Fo\u0000od' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      fieldErrors: { name: ['Null characters are not allowed.'] },
    });
    await expect(createCategory(db, alice.id, { name: 'Half \ud83d' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      fieldErrors: { name: [expect.stringContaining('unpaired surrogate')] },
    });
    expect(await tableCounts(db)).toEqual(before);
  });

  it(`allows at most ${QUOTAS.categories} categories per user`, async () => {
    const db = database.db;
    const dave = await createUser(db, 'dave');
    await db.execute(sql`INSERT INTO categories (user_id, name)
      SELECT ${dave.id}, 'Category ' || n FROM generate_series(1, ${QUOTAS.categories - 1}) AS n`);
    await createCategory(db, dave.id, { name: 'The last one' });
    await expect(createCategory(db, dave.id, { name: 'One too many' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('the most an account can have'),
    });
    expect(await listCategories(db, dave.id)).toHaveLength(QUOTAS.categories);
  });
});
