import type { Category } from '../categories/schemas';
import { listCategories } from '../categories/service';
import type { Database } from '../db/client';
import type { Account } from '../finance-accounts/schemas';
import { listAccounts } from '../finance-accounts/service';
import type { Transaction } from '../transactions/schemas';
import { streamTransactions } from '../transactions/service';
import type { Profile } from './schemas';
import { getProfile } from './service';

/** Everything an account holds, read lazily so an export of any size streams in flat memory. */
export interface AccountExport {
  profile: Profile;
  /** Every transaction, newest first, in batches. */
  transactions(): AsyncGenerator<Transaction[]>;
  /**
   * Every category. Read after the transactions: a category cannot be deleted while a transaction uses it,
   * so every category the exported transactions name is here.
   */
  categories(): Promise<Category[]>;
  /** Every account (where money is kept) with its balance; the transactions name them by id. */
  accounts(): Promise<Account[]>;
}

/** The user's complete data: profile, transactions, categories and accounts (the caller writes it out). */
export async function exportAccount(db: Database, userId: number): Promise<AccountExport> {
  const profile = await getProfile(db, userId);
  return {
    profile,
    transactions: () => streamTransactions(db, userId),
    categories: () => listCategories(db, userId),
    accounts: () => listAccounts(db, userId),
  };
}
