import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../accounts/schemas';
import { createCategory } from '../categories/service';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { createUser, tableCounts } from '../testing/fixtures';
import type { Transaction } from './schemas';
import {
  createTransaction,
  deleteTransaction,
  getTransaction,
  listTransactions,
  STREAM_BATCH_SIZE,
  streamTransactions,
  streamTransactionsAsJson,
  updateTransaction,
} from './service';

let database: TestDatabase;
let alice: Profile;
let bob: Profile;
let food: number;
let salary: number;
let bobsCategory: number;

beforeAll(async () => {
  database = await createTestDatabase();
  alice = await createUser(database.db, 'alice');
  bob = await createUser(database.db, 'bob');
  food = (await createCategory(database.db, alice.id, { name: 'Food' })).id;
  salary = (await createCategory(database.db, alice.id, { name: 'Salary' })).id;
  bobsCategory = (await createCategory(database.db, bob.id, { name: 'Food' })).id;
});
afterAll(() => database.close());

describe('creating and reading transactions', () => {
  it('stores money as a decimal string and returns the full transaction', async () => {
    const created = await createTransaction(database.db, alice.id, {
      categoryId: food,
      type: 'EXPENSE',
      amount: 12.5,
      date: '2026-01-15',
      note: '  Lunch with Sam ',
    });
    expect(created).toEqual({
      id: expect.any(Number),
      categoryId: food,
      categoryName: 'Food',
      type: 'EXPENSE',
      amount: '12.50',
      date: '2026-01-15',
      note: 'Lunch with Sam',
      // Clients that name no account and no payee get the user's default account and a blank payee.
      accountId: expect.any(Number),
      payee: '',
      transferId: null,
      createdAt: expect.stringMatching(/Z$/),
      updatedAt: expect.stringMatching(/Z$/),
    });
    expect(await getTransaction(database.db, alice.id, { id: created.id })).toEqual(created);
  });

  it('accepts a JSON integer amount and a null note', async () => {
    const created = await createTransaction(database.db, alice.id, {
      categoryId: salary,
      type: 'INCOME',
      amount: 2500,
      date: '2026-01-31',
      note: null,
    });
    expect(created).toMatchObject({ amount: '2500.00', note: '' });
  });

  const valid = { categoryId: 0, type: 'EXPENSE', amount: '10.00', date: '2026-02-01' };
  it.each([
    ['amount', { amount: '-5' }],
    ['amount', { amount: 0 }],
    ['amount', { amount: '12.345' }],
    ['amount', { amount: 'NaN' }],
    ['amount', { amount: '1e3' }],
    ['amount', { amount: '99999999999999' }],
    ['amount', { amount: 1e300 }],
    ['amount', { amount: true }],
    ['date', { date: '2023-02-30' }],
    ['date', { date: '01/02/2026' }],
    ['date', { date: 20260201 }],
    ['type', { type: 'TRANSFER' }],
    ['type', { type: 'expense' }],
    ['note', { note: 'x'.repeat(10_000) }],
    ['note', { note: 5 }],
    ['categoryId', { categoryId: 'food' }],
    ['categoryId', { categoryId: 1.5 }],
    ['categoryId', { categoryId: -1 }],
    ['categoryId', { categoryId: 2 ** 31 }],
    ['non_field_errors', { userId: 1 }],
  ])('refuses a bad %s (%j) with a field error and writes nothing', async (field, override) => {
    const before = await tableCounts(database.db);
    const input = { ...valid, categoryId: food, ...override };
    const error = await createTransaction(database.db, alice.id, input as never).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'BAD_REQUEST', fieldErrors: { [field]: [expect.any(String)] } });
    expect(await tableCounts(database.db)).toEqual(before);
  });

  it('refuses a missing field', async () => {
    const { amount: _, ...withoutAmount } = { ...valid, categoryId: food };
    await expect(createTransaction(database.db, alice.id, withoutAmount as never)).rejects.toMatchObject({
      fieldErrors: { amount: [expect.any(String)] },
    });
  });

  it('refuses another user’s category as if it did not exist', async () => {
    const before = await tableCounts(database.db);
    await expect(
      createTransaction(database.db, alice.id, { ...valid, type: 'EXPENSE', categoryId: bobsCategory }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      fieldErrors: { categoryId: [`Invalid pk "${bobsCategory}" - object does not exist.`] },
    });
    expect(await tableCounts(database.db)).toEqual(before);
  });
});

describe('updating and deleting', () => {
  it('changes only the fields given', async () => {
    const created = await createTransaction(database.db, alice.id, {
      categoryId: food,
      type: 'EXPENSE',
      amount: '20',
      date: '2026-02-10',
      note: 'Groceries',
    });
    const updated = await updateTransaction(database.db, alice.id, { id: created.id, amount: '22.40' });
    expect(updated).toMatchObject({
      amount: '22.40',
      note: 'Groceries',
      date: '2026-02-10',
      type: 'EXPENSE',
    });
    expect(await updateTransaction(database.db, alice.id, { id: created.id })).toMatchObject({
      amount: '22.40',
    });
    expect(await updateTransaction(database.db, alice.id, { id: created.id, note: null })).toMatchObject({
      note: '',
    });
  });

  it('refuses bad values in an update and leaves the row as it was', async () => {
    const created = await createTransaction(database.db, alice.id, {
      categoryId: food,
      type: 'EXPENSE',
      amount: '7.00',
      date: '2026-02-11',
    });
    for (const bad of [
      { amount: '-1' },
      { date: '2026-02-31' },
      { categoryId: bobsCategory },
      { type: 'GIFT' },
    ]) {
      await expect(
        updateTransaction(database.db, alice.id, { id: created.id, ...bad } as never),
      ).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      });
    }
    expect(await getTransaction(database.db, alice.id, { id: created.id })).toEqual(created);
  });

  it('deletes, after which the transaction is gone', async () => {
    const created = await createTransaction(database.db, alice.id, {
      categoryId: food,
      type: 'EXPENSE',
      amount: '1.00',
      date: '2026-02-12',
    });
    await deleteTransaction(database.db, alice.id, { id: created.id });
    await expect(getTransaction(database.db, alice.id, { id: created.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(deleteTransaction(database.db, alice.id, { id: created.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('answers another user’s transaction ids with not-found everywhere, and changes nothing', async () => {
    const bobs = await createTransaction(database.db, bob.id, {
      categoryId: bobsCategory,
      type: 'EXPENSE',
      amount: '3.50',
      date: '2026-02-01',
    });
    const before = await tableCounts(database.db);
    for (const attempt of [
      () => getTransaction(database.db, alice.id, { id: bobs.id }),
      () => updateTransaction(database.db, alice.id, { id: bobs.id, amount: '1000' }),
      () => updateTransaction(database.db, alice.id, { id: bobs.id }),
      () => deleteTransaction(database.db, alice.id, { id: bobs.id }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Not found.' });
    }
    expect(await tableCounts(database.db)).toEqual(before);
    expect(await getTransaction(database.db, bob.id, { id: bobs.id })).toEqual(bobs);
    const alicesIds = (await listTransactions(database.db, alice.id, { limit: 200 })).items.map((t) => t.id);
    expect(alicesIds).not.toContain(bobs.id);
  });
});

describe('listing', () => {
  let carol: Profile;
  let rent: number;
  let pay: number;

  beforeAll(async () => {
    carol = await createUser(database.db, 'carol');
    rent = (await createCategory(database.db, carol.id, { name: 'Rent' })).id;
    pay = (await createCategory(database.db, carol.id, { name: 'Pay' })).id;
    // 30 transactions over three months; several share a date so the id tie-break matters.
    for (let index = 0; index < 30; index++) {
      const month = 1 + (index % 3);
      const day = 1 + Math.floor(index / 6);
      await createTransaction(database.db, carol.id, {
        categoryId: index % 5 === 0 ? pay : rent,
        type: index % 5 === 0 ? 'INCOME' : 'EXPENSE',
        amount: String(10 + index),
        date: `2026-0${month}-0${day}`,
        note: index % 4 === 0 ? `Coffee 50%_off #${index}` : `Item ${index}`,
      });
    }
  });

  it('orders by date, newest first, then by id, newest first', async () => {
    const { items } = await listTransactions(database.db, carol.id, { limit: 200 });
    expect(items).toHaveLength(30);
    const keys = items.map((t) => [t.date, t.id] as const);
    const sorted = [...keys].sort((a, b) => (a[0] === b[0] ? b[1] - a[1] : a[0] < b[0] ? 1 : -1));
    expect(keys).toEqual(sorted);
  });

  it('walks every row exactly once with keyset pages, and the same rows with offset pages', async () => {
    const keyset: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await listTransactions(database.db, carol.id, { limit: 7, cursor });
      keyset.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const offset: number[] = [];
    for (let start = 0; start < 35; start += 7) {
      const page = await listTransactions(database.db, carol.id, {
        limit: 7,
        offset: start,
        includeTotal: true,
      });
      expect(page.total).toBe(30);
      offset.push(...page.items.map((t) => t.id));
    }
    expect(keyset).toHaveLength(30);
    expect(new Set(keyset).size).toBe(30);
    expect(offset).toEqual(keyset);
  });

  it('filters by date range, type, category and note text (wildcards taken literally)', async () => {
    const db = database.db;
    const inFebruary = await listTransactions(db, carol.id, {
      from: '2026-02-01',
      to: '2026-02-28',
      limit: 200,
    });
    expect(inFebruary.items.every((t) => t.date.startsWith('2026-02'))).toBe(true);
    expect(inFebruary.items).toHaveLength(10);
    const income = await listTransactions(db, carol.id, { type: 'INCOME', includeTotal: true });
    expect(income.total).toBe(6);
    expect(income.items.every((t) => t.type === 'INCOME' && t.categoryId === pay)).toBe(true);
    const rentOnly = await listTransactions(db, carol.id, { categoryId: rent, includeTotal: true });
    expect(rentOnly.total).toBe(24);
    const coffee = await listTransactions(db, carol.id, { search: 'coffee 50%_', includeTotal: true });
    expect(coffee.total).toBe(8);
    expect(await listTransactions(db, carol.id, { search: '50%x' })).toMatchObject({ items: [] });
    const combined = await listTransactions(db, carol.id, {
      from: '2026-01-01',
      to: '2026-01-31',
      type: 'EXPENSE',
      search: 'item',
      includeTotal: true,
    });
    expect(combined.items.every((t) => t.date.startsWith('2026-01') && t.type === 'EXPENSE')).toBe(true);
    expect(combined.total).toBe(combined.items.length);
  });

  it('gives each use of the same filter its own values', async () => {
    const db = database.db;
    const income = await listTransactions(db, carol.id, { type: 'INCOME', includeTotal: true });
    const expense = await listTransactions(db, carol.id, { type: 'EXPENSE', includeTotal: true });
    expect([income.total, expense.total]).toEqual([6, 24]);
    expect(expense.items.every((t) => t.type === 'EXPENSE')).toBe(true);
  });

  it('counts exactly the user’s own transactions, following creates and deletes', async () => {
    const db = database.db;
    const total = async () => (await listTransactions(db, carol.id, { limit: 1, includeTotal: true })).total;
    const dave = await createUser(db, 'dave-counted');
    const davesCategory = (await createCategory(db, dave.id, { name: 'Rent' })).id;
    await createTransaction(db, dave.id, {
      categoryId: davesCategory,
      type: 'EXPENSE',
      amount: '1.00',
      date: '2026-01-05',
    });
    expect(await total()).toBe(30);
    const extra = await createTransaction(db, carol.id, {
      categoryId: rent,
      type: 'EXPENSE',
      amount: '1.00',
      date: '2025-12-31',
    });
    expect(await total()).toBe(31);
    await deleteTransaction(db, carol.id, { id: extra.id });
    expect(await total()).toBe(30);
    const pastTheEnd = await listTransactions(db, carol.id, { offset: 500, includeTotal: true });
    expect(pastTheEnd).toMatchObject({ items: [], total: 30 });
    expect(await listTransactions(db, dave.id, { offset: 1, includeTotal: true })).toMatchObject({
      items: [],
      total: 1,
    });
  });

  it('refuses contradictory or malformed list options', async () => {
    const db = database.db;
    await expect(
      listTransactions(db, carol.id, { from: '2026-03-01', to: '2026-01-01' }),
    ).rejects.toMatchObject({
      fieldErrors: { from: ['Must be on or before "to".'], to: ['Must be on or after "from".'] },
    });
    await expect(
      streamTransactions(db, carol.id, { from: '2026-03-01', to: '2026-01-01' }).next(),
    ).rejects.toMatchObject({
      fieldErrors: { to: ['Must be on or after "from".'] },
    });
    await expect(listTransactions(db, carol.id, { cursor: 'abc', offset: 5 })).rejects.toMatchObject({
      fieldErrors: { cursor: [expect.any(String)] },
    });
    await expect(listTransactions(db, carol.id, { cursor: 'not a cursor' })).rejects.toMatchObject({
      fieldErrors: { cursor: ['Invalid cursor.'] },
    });
    // Cursors that decode but name an impossible date or id are refused before the database sees them.
    for (const impossible of [
      '2026-13-45|1',
      '2026-02-30|1',
      '2026-01-01|0',
      '2026-01-01|99999999999',
      '2026-01-01|1|2',
    ]) {
      await expect(
        listTransactions(db, carol.id, { cursor: Buffer.from(impossible).toString('base64url') }),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST', fieldErrors: { cursor: ['Invalid cursor.'] } });
    }
    await expect(listTransactions(db, carol.id, { limit: 10_000 })).rejects.toMatchObject({
      fieldErrors: { limit: [expect.any(String)] },
    });
  });

  it('never lists another user’s rows, whatever the filter', async () => {
    const { items } = await listTransactions(database.db, carol.id, { categoryId: food, limit: 200 });
    expect(items).toEqual([]);
  });
});

describe('the statements behind a list page', () => {
  it('answers an unfiltered page with its total in one statement, a filtered one in two', async () => {
    const statements: string[] = [];
    const counted = await createTestDatabase({ logger: { logQuery: (sql) => statements.push(sql) } });
    try {
      const user = await createUser(counted.db, 'counted');
      const categoryId = (await createCategory(counted.db, user.id, { name: 'Food' })).id;
      for (const date of ['2026-01-02', '2026-02-03']) {
        await createTransaction(counted.db, user.id, { categoryId, type: 'EXPENSE', amount: '4.00', date });
      }
      statements.length = 0;
      expect(await listTransactions(counted.db, user.id, { limit: 1, includeTotal: true })).toMatchObject({
        total: 2,
      });
      expect(statements).toHaveLength(1);

      statements.length = 0;
      const filtered = await listTransactions(counted.db, user.id, {
        limit: 1,
        includeTotal: true,
        from: '2026-02-01',
      });
      expect(filtered.total).toBe(1);
      expect(statements).toHaveLength(2);
    } finally {
      await counted.close();
    }
  });
});

describe('streaming a whole list', () => {
  it(`gives every matching row once, in list order, across batches of ${STREAM_BATCH_SIZE}`, async () => {
    const db = database.db;
    const dana = await createUser(db, 'dana');
    const groceries = await createCategory(db, dana.id, { name: 'Groceries' });
    // Many rows share a date, so the batches must break ties by id.
    await db.execute(sql`INSERT INTO transactions (user_id, category_id, type, amount, date, note)
      SELECT ${dana.id}, ${groceries.id}, CASE WHEN n % 5 = 0 THEN 'INCOME' ELSE 'EXPENSE' END::transaction_type,
             (n % 90 + 1)::numeric, date '2026-01-01' + (n / 200), 'row ' || n
        FROM generate_series(1, ${2 * STREAM_BATCH_SIZE + 345}) AS n`);
    const batches: number[] = [];
    const streamed: number[] = [];
    for await (const batch of streamTransactions(db, dana.id)) {
      batches.push(batch.length);
      streamed.push(...batch.map((t) => t.id));
    }
    const total = 2 * STREAM_BATCH_SIZE + 345;
    const full = Math.floor(total / STREAM_BATCH_SIZE);
    expect(batches).toEqual([...Array(full).fill(STREAM_BATCH_SIZE), total - full * STREAM_BATCH_SIZE]);
    const paged: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await listTransactions(db, dana.id, { limit: 200, cursor });
      paged.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(streamed).toEqual(paged);

    const incomeStream: number[] = [];
    for await (const batch of streamTransactions(db, dana.id, { type: 'INCOME', from: '2026-01-03' })) {
      incomeStream.push(...batch.map((t) => t.id));
    }
    const income = await listTransactions(db, dana.id, {
      type: 'INCOME',
      from: '2026-01-03',
      includeTotal: true,
    });
    expect(incomeStream).toHaveLength(income.total ?? -1);
    expect(incomeStream.slice(0, income.items.length)).toEqual(income.items.map((t) => t.id));
    expect(await streamTransactions(db, alice.id, { search: 'no such note anywhere' }).next()).toMatchObject({
      done: true,
    });
  });

  it('as JSON text written by PostgreSQL: the same rows, byte for byte what JSON.stringify writes', async () => {
    const db = database.db;
    const erin = await createUser(db, 'erin');
    const rent = await createCategory(db, erin.id, { name: 'Rent' });
    const notes = [
      'plain',
      'say "hi" \\ back',
      'two\nlines\tand a tab',
      'bell \u0007 and del \u007f',
      'café 🎉 \u2028',
    ];
    await db.execute(sql`INSERT INTO transactions (user_id, category_id, type, amount, date, note)
      SELECT ${erin.id}, ${rent.id}, CASE WHEN n % 3 = 0 THEN 'INCOME' ELSE 'EXPENSE' END::transaction_type,
             (n % 90 + 0.5)::numeric, date '2026-02-01' + (n / 40), (ARRAY[${sql.join(
               notes.map((note) => sql`${note}::text`),
               sql`, `,
             )}])[1 + n % 5]
        FROM generate_series(1, ${STREAM_BATCH_SIZE + 37}) AS n`);
    // Any order and subset of the fields, under any keys.
    const layout = [
      ['note', 'note'],
      ['when', 'date'],
      ['id', 'id'],
      ['amount', 'amount'],
      ['kind', 'type'],
      ['category_id', 'categoryId'],
      ['updated', 'updatedAt'],
    ] as const;
    const written = (t: Transaction) =>
      JSON.stringify({
        note: t.note,
        when: t.date,
        id: t.id,
        amount: t.amount,
        kind: t.type,
        category_id: t.categoryId,
        updated: t.updatedAt,
      });
    for (const filters of [{}, { type: 'INCOME' as const, from: '2026-02-03' }]) {
      const texts: string[] = [];
      for await (const text of streamTransactionsAsJson(db, erin.id, filters, layout)) texts.push(text);
      const rows: Transaction[] = [];
      for await (const batch of streamTransactions(db, erin.id, filters)) rows.push(...batch);
      expect(texts.join(',')).toBe(rows.map(written).join(','));
      expect(texts.length).toBe(Math.ceil(rows.length / STREAM_BATCH_SIZE));
    }
    const nothing = streamTransactionsAsJson(db, erin.id, { search: 'no such note' }, layout);
    expect(await nothing.next()).toMatchObject({ done: true });
  });
});
