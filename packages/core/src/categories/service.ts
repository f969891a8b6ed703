import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import {
  isConstraintViolation,
  PG_FOREIGN_KEY_VIOLATION,
  PG_RESTRICT_VIOLATION,
  PG_UNIQUE_VIOLATION,
} from '../db/pg-error';
import { rowsOf } from '../db/rows';
import { categories, transactions } from '../db/schema';
import { isoTimestamp } from '../db/timestamps';
import { AppError, notFound } from '../errors';
import { QUOTAS } from '../limits';
import { withUserDerivedDataInBulk } from '../summaries/service';
import { type ByIdInput, byIdInput } from '../validation/ids';
import { parseInput } from '../validation/parse-input';
import {
  type Category,
  type CategoryMerge,
  type CreateCategoryInput,
  createCategoryInput,
  type DeleteCategoryInput,
  deleteCategoryInput,
  type MergeCategoriesInput,
  mergeCategoriesInput,
  type RenameCategoryInput,
  renameCategoryInput,
  type UpdateCategoryInput,
  updateCategoryInput,
} from './schemas';

const columns = {
  id: categories.id,
  name: categories.name,
  kind: categories.kind,
  createdAt: categories.createdAt,
  updatedAt: categories.updatedAt,
};

/**
 * From the derived per-month counts: one index range per category, not a scan of its transactions. The
 * user is given as a value, not as the outer row's column: Citus sends a subquery tied to the outer row by a
 * column to every shard (db/single-shard.test.ts). The category is written with its table's name because
 * Drizzle prints a selected column unqualified: `${categories.userId}` came out as "user_id" = "user_id".
 */
const columnsWithCount = (userId: number) => ({
  ...columns,
  transactionCount: sql<number>`coalesce((
    SELECT sum(m.transaction_count)::integer FROM category_months m
    WHERE m.user_id = ${userId} AND m.category_id = "categories"."id"
  ), 0)`.mapWith(Number),
});

function toCategory(row: Omit<Category, 'transactionCount'> & { transactionCount?: number }): Category {
  return {
    ...row,
    transactionCount: row.transactionCount ?? 0,
    createdAt: isoTimestamp(row.createdAt),
    updatedAt: isoTimestamp(row.updatedAt),
  };
}

function duplicateName(name: string): AppError {
  const message = `You already have a category named "${name}".`;
  return new AppError('CONFLICT', message, { name: [message] });
}

/** The user's categories, alphabetically regardless of case. */
export async function listCategories(db: Database, userId: number): Promise<Category[]> {
  const rows = await db
    .select(columnsWithCount(userId))
    .from(categories)
    .where(eq(categories.userId, userId))
    .orderBy(asc(sql`lower(${categories.name})`), asc(categories.id));
  return rows.map(toCategory);
}

export async function getCategory(db: Database, userId: number, input: ByIdInput): Promise<Category> {
  const { id } = parseInput(byIdInput, input);
  const [row] = await db
    .select(columnsWithCount(userId))
    .from(categories)
    .where(and(eq(categories.id, id), eq(categories.userId, userId)));
  if (!row) throw notFound();
  return toCategory(row);
}

export async function createCategory(
  db: Database,
  userId: number,
  input: CreateCategoryInput,
): Promise<Category> {
  const data = parseInput(createCategoryInput, input);
  const [existing] = await db.select({ n: count() }).from(categories).where(eq(categories.userId, userId));
  if ((existing?.n ?? 0) >= QUOTAS.categories) {
    throw new AppError(
      'CONFLICT',
      `You have ${QUOTAS.categories.toLocaleString('en-US')} categories, the most an account can have. Delete or merge one first.`,
    );
  }
  try {
    const [row] = await db
      .insert(categories)
      .values({ userId, name: data.name, kind: data.kind ?? null })
      .returning(columns);
    if (!row) throw new Error('insert returned no row');
    return toCategory(row);
  } catch (error) {
    if (isConstraintViolation(error, PG_UNIQUE_VIOLATION, 'categories_user_id_name_lower_key')) {
      throw duplicateName(data.name);
    }
    throw error;
  }
}

export async function renameCategory(
  db: Database,
  userId: number,
  input: RenameCategoryInput,
): Promise<Category> {
  return updateCategory(db, userId, parseInput(renameCategoryInput, input));
}

/** Changes the name and/or the kind; neither given answers the category unchanged. */
export async function updateCategory(
  db: Database,
  userId: number,
  input: UpdateCategoryInput,
): Promise<Category> {
  const { id, ...changes } = parseInput(updateCategoryInput, input);
  if (changes.name === undefined && changes.kind === undefined) return getCategory(db, userId, { id });
  try {
    const [row] = await db
      .update(categories)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(and(eq(categories.id, id), eq(categories.userId, userId)))
      .returning(columnsWithCount(userId));
    if (!row) throw notFound();
    return toCategory(row);
  } catch (error) {
    if (isConstraintViolation(error, PG_UNIQUE_VIOLATION, 'categories_user_id_name_lower_key')) {
      throw duplicateName(changes.name ?? '');
    }
    throw error;
  }
}

function inUse(name: string, uses?: number): AppError {
  const what =
    uses === undefined
      ? 'transactions use it'
      : uses === 1
        ? '1 transaction uses it'
        : `${uses} transactions use it`;
  return new AppError(
    'CONFLICT',
    `Cannot delete category "${name}": ${what}. Move or delete ${uses === 1 ? 'it' : 'them'} first.`,
  );
}

/**
 * Deletes a category. With `reassignTo`, its transactions, budget, rules and recurring series move to that
 * category first, in the same database transaction (a merge). Without it, refused with CONFLICT while
 * transactions use the category: the books must keep adding up.
 */
export async function deleteCategory(
  db: Database,
  userId: number,
  input: DeleteCategoryInput,
): Promise<void> {
  const data = parseInput(deleteCategoryInput, input);
  if (data.reassignTo !== undefined) {
    await mergeCategories(db, userId, { id: data.id, into: data.reassignTo });
    return;
  }
  const category = await getCategory(db, userId, { id: data.id });
  const [usage] = await db
    .select({ uses: count() })
    .from(transactions)
    .where(and(eq(transactions.userId, userId), eq(transactions.categoryId, category.id)));
  if (usage && usage.uses > 0) throw inUse(category.name, usage.uses);
  try {
    await db.delete(categories).where(and(eq(categories.id, category.id), eq(categories.userId, userId)));
  } catch (error) {
    // A transaction was filed under it between the check and the delete; the foreign key still refuses.
    const fk = 'transactions_category_same_user_fk';
    if (
      isConstraintViolation(error, PG_FOREIGN_KEY_VIOLATION, fk) ||
      isConstraintViolation(error, PG_RESTRICT_VIOLATION, fk)
    ) {
      throw inUse(category.name);
    }
    throw error;
  }
}

/**
 * Moves everything filed under `id` into `into` and deletes `id`, atomically: its transactions (as one bulk
 * change, with the derived monthly data rebuilt once), the rules that file into it, its recurring series, and
 * its budget when `into` has none (otherwise `into`'s budget stays and `id`'s goes with the category).
 */
export async function mergeCategories(
  db: Database,
  userId: number,
  input: MergeCategoriesInput,
): Promise<CategoryMerge> {
  const { id, into } = parseInput(mergeCategoriesInput, input);
  if (id === into) {
    throw new AppError('BAD_REQUEST', 'Choose a different category to move the transactions to.', {
      reassignTo: ['Choose a different category to move the transactions to.'],
    });
  }
  return db.transaction(async (tx) => {
    const found = await tx
      .select({ id: categories.id })
      .from(categories)
      .where(and(eq(categories.userId, userId), sql`${categories.id} IN (${id}, ${into})`))
      .for('update');
    if (found.length < 2) throw notFound();
    const moved = await withUserDerivedDataInBulk(
      tx,
      userId,
      async () => {
        const [row] = rowsOf<{ n: number }>(
          await tx.execute(sql`WITH moved AS (
              UPDATE transactions SET category_id = ${into}, updated_at = now()
              WHERE user_id = ${userId} AND category_id = ${id} RETURNING 1)
            SELECT count(*)::integer AS n FROM moved`),
        );
        return row?.n ?? 0;
      },
      sql`category_id = ${id}`,
    );
    await tx.execute(sql`
      UPDATE budgets SET category_id = ${into}, updated_at = now()
      WHERE user_id = ${userId} AND category_id = ${id}
        AND NOT EXISTS (SELECT 1 FROM budgets WHERE user_id = ${userId} AND category_id = ${into})`);
    await tx.execute(sql`
      UPDATE rules SET actions = jsonb_set(actions, '{categoryId}', to_jsonb(${into}::bigint)), updated_at = now()
      WHERE user_id = ${userId} AND (actions ->> 'categoryId')::bigint = ${id}`);
    await tx.execute(sql`
      UPDATE recurring_series SET category_id = ${into}
      WHERE user_id = ${userId} AND category_id = ${id}`);
    await tx.delete(categories).where(and(eq(categories.id, id), eq(categories.userId, userId)));
    return { id: into, moved };
  });
}
