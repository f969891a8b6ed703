import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import {
  isConstraintViolation,
  PG_FOREIGN_KEY_VIOLATION,
  PG_RESTRICT_VIOLATION,
  PG_UNIQUE_VIOLATION,
} from '../db/pg-error';
import { categories, transactions } from '../db/schema';
import { isoTimestamp } from '../db/timestamps';
import { AppError, notFound } from '../errors';
import { QUOTAS } from '../limits';
import { type ByIdInput, byIdInput } from '../validation/ids';
import { parseInput } from '../validation/parse-input';
import {
  type Category,
  type CreateCategoryInput,
  createCategoryInput,
  type RenameCategoryInput,
  renameCategoryInput,
} from './schemas';

const columns = {
  id: categories.id,
  name: categories.name,
  createdAt: categories.createdAt,
  updatedAt: categories.updatedAt,
};

function toCategory(row: Category): Category {
  return { ...row, createdAt: isoTimestamp(row.createdAt), updatedAt: isoTimestamp(row.updatedAt) };
}

function duplicateName(name: string): AppError {
  const message = `You already have a category named "${name}".`;
  return new AppError('CONFLICT', message, { name: [message] });
}

/** The user's categories, alphabetically regardless of case. */
export async function listCategories(db: Database, userId: number): Promise<Category[]> {
  const rows = await db
    .select(columns)
    .from(categories)
    .where(eq(categories.userId, userId))
    .orderBy(asc(sql`lower(${categories.name})`), asc(categories.id));
  return rows.map(toCategory);
}

export async function getCategory(db: Database, userId: number, input: ByIdInput): Promise<Category> {
  const { id } = parseInput(byIdInput, input);
  const [row] = await db
    .select(columns)
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
    const [row] = await db.insert(categories).values({ userId, name: data.name }).returning(columns);
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
  const data = parseInput(renameCategoryInput, input);
  try {
    const [row] = await db
      .update(categories)
      .set({ name: data.name, updatedAt: sql`now()` })
      .where(and(eq(categories.id, data.id), eq(categories.userId, userId)))
      .returning(columns);
    if (!row) throw notFound();
    return toCategory(row);
  } catch (error) {
    if (isConstraintViolation(error, PG_UNIQUE_VIOLATION, 'categories_user_id_name_lower_key')) {
      throw duplicateName(data.name);
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

/** Refused with CONFLICT while transactions use the category: the books must keep adding up. */
export async function deleteCategory(db: Database, userId: number, input: ByIdInput): Promise<void> {
  const category = await getCategory(db, userId, input);
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
