import { and, count, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import {
  isConstraintViolation,
  PG_CHECK_VIOLATION,
  PG_FOREIGN_KEY_VIOLATION,
  PG_UNIQUE_VIOLATION,
} from '../db/pg-error';
import { financeAccounts } from '../db/schema';
import { AppError, notFound } from '../errors';
import { QUOTAS } from '../limits';
import { type ByIdInput, byIdInput } from '../validation/ids';
import { fromCents, toCents } from '../validation/money';
import { parseInput } from '../validation/parse-input';
import { type AccountRow, accountsStatement, balanceAfterRowStatement } from './balances';
import {
  type Account,
  type Balances,
  type BalancesInput,
  balancesInput,
  type CreateAccountInput,
  createAccountInput,
  type UpdateAccountInput,
  updateAccountInput,
} from './schemas';

const toAccount = (row: AccountRow) => row as Account;

function duplicateName(name: string): AppError {
  const message = `You already have an account named "${name}".`;
  return new AppError('CONFLICT', message, { name: [message] });
}

const DEFAULT_NOT_ARCHIVED =
  'The default account cannot be archived: make another account the default first.';

function explainAccountWriteError(error: unknown, name: string | undefined): unknown {
  if (
    name !== undefined &&
    isConstraintViolation(error, PG_UNIQUE_VIOLATION, 'accounts_user_id_name_lower_key')
  ) {
    return duplicateName(name);
  }
  if (isConstraintViolation(error, PG_CHECK_VIOLATION, 'accounts_default_not_archived')) {
    return new AppError('CONFLICT', DEFAULT_NOT_ARCHIVED, { archived: [DEFAULT_NOT_ARCHIVED] });
  }
  if (isConstraintViolation(error, PG_UNIQUE_VIOLATION, 'accounts_one_default_per_user')) {
    // Another account was made the default at the same moment.
    return new AppError('CONFLICT', 'Another account just became your default. Reload and try again.');
  }
  return error;
}

/** The user's accounts, open ones first, by name, each with its balance (at `date`, or now). */
export async function listAccounts(
  db: Database,
  userId: number,
  input: BalancesInput = {},
): Promise<Account[]> {
  const { date } = parseInput(balancesInput, input);
  const rows = await accountsStatement(db, false).execute({ userId, date: date ?? null });
  return rows.map(toAccount);
}

export async function getAccount(db: Database, userId: number, input: ByIdInput): Promise<Account> {
  const { id } = parseInput(byIdInput, input);
  const [row] = await accountsStatement(db, true).execute({ userId, id, date: null });
  if (!row) throw notFound();
  return toAccount(row);
}

/** Every account's balance at the end of a day (or now), and the total of the open ones. */
export async function getBalances(
  db: Database,
  userId: number,
  input: BalancesInput = {},
): Promise<Balances> {
  const { date } = parseInput(balancesInput, input);
  const rows = await accountsStatement(db, false).execute({ userId, date: date ?? null });
  const total = rows.reduce((sum, row) => (row.archived ? sum : sum + toCents(row.balance)), 0);
  return {
    date: date ?? null,
    accounts: rows.map((row) => ({ accountId: row.id, name: row.name, balance: row.balance })),
    total: fromCents(total),
  };
}

/** The account's balance just after one of its transactions, in register order; null if not the user's. */
export async function balanceAfterTransaction(
  db: Database,
  userId: number,
  accountId: number,
  row: { date: string; id: number },
): Promise<string | null> {
  const [found] = await balanceAfterRowStatement(db).execute({
    userId,
    accountId,
    date: row.date,
    rowId: row.id,
    year: Number(row.date.slice(0, 4)),
    month: Number(row.date.slice(5, 7)),
    monthStart: `${row.date.slice(0, 8)}01`,
  });
  return found?.balance ?? null;
}

export async function createAccount(
  db: Database,
  userId: number,
  input: CreateAccountInput,
): Promise<Account> {
  const data = parseInput(createAccountInput, input);
  const [existing] = await db
    .select({ n: count() })
    .from(financeAccounts)
    .where(eq(financeAccounts.userId, userId));
  if ((existing?.n ?? 0) >= QUOTAS.accounts) {
    throw new AppError(
      'CONFLICT',
      `You have ${QUOTAS.accounts} accounts, the most you can have. Archive or delete one first.`,
    );
  }
  try {
    const [row] = await db
      .insert(financeAccounts)
      .values({ userId, ...data })
      .returning({ id: financeAccounts.id });
    if (!row) throw new Error('insert returned no row');
    return await getAccount(db, userId, row);
  } catch (error) {
    throw explainAccountWriteError(error, data.name);
  }
}

/** Changes the fields given. Making an account the default takes that role from the previous one. */
export async function updateAccount(
  db: Database,
  userId: number,
  input: UpdateAccountInput,
): Promise<Account> {
  const { id, isDefault, ...changes } = parseInput(updateAccountInput, input);
  try {
    await db.transaction(async (tx) => {
      const mine = and(eq(financeAccounts.id, id), eq(financeAccounts.userId, userId));
      const [found] = await tx
        .select({ id: financeAccounts.id, isDefault: financeAccounts.isDefault })
        .from(financeAccounts)
        .where(mine)
        .for('update');
      if (!found) throw notFound();
      if (isDefault === false && found.isDefault) {
        const message = 'Every user has a default account: make another account the default instead.';
        throw new AppError('CONFLICT', message, { isDefault: [message] });
      }
      if (isDefault) {
        await tx
          .update(financeAccounts)
          .set({ isDefault: false, updatedAt: sql`now()` })
          .where(and(eq(financeAccounts.userId, userId), eq(financeAccounts.isDefault, true)));
      }
      await tx
        .update(financeAccounts)
        .set({ ...changes, ...(isDefault ? { isDefault: true } : {}), updatedAt: sql`now()` })
        .where(mine);
    });
  } catch (error) {
    throw explainAccountWriteError(error, changes.name);
  }
  return getAccount(db, userId, { id });
}

/**
 * Deletes an account that holds no transactions (its import history goes with it). The default account
 * stays: another one must become the default first. An account with history is archived instead.
 */
export async function deleteAccount(db: Database, userId: number, input: ByIdInput): Promise<void> {
  const { id } = parseInput(byIdInput, input);
  const account = await getAccount(db, userId, { id });
  if (account.isDefault) {
    throw new AppError(
      'CONFLICT',
      'This is your default account: make another account the default before deleting it.',
    );
  }
  try {
    // Not the default, checked again in the statement: it may have become the default since.
    const deleted = await db
      .delete(financeAccounts)
      .where(
        and(
          eq(financeAccounts.id, id),
          eq(financeAccounts.userId, userId),
          eq(financeAccounts.isDefault, false),
        ),
      )
      .returning({ id: financeAccounts.id });
    if (deleted.length === 0) {
      throw new AppError(
        'CONFLICT',
        'This is your default account: make another account the default before deleting it.',
      );
    }
  } catch (error) {
    if (isConstraintViolation(error, PG_FOREIGN_KEY_VIOLATION, 'transactions_account_same_user_fk')) {
      throw new AppError(
        'CONFLICT',
        `"${account.name}" still has transactions. Archive it to hide it, or move or delete its transactions first.`,
      );
    }
    throw error;
  }
}
