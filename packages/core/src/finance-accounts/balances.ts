import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { preparedSql } from '../db/prepared';

const placeholder = sql.placeholder;
const ISO_UTC = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/**
 * An account's balance at the end of `date` (now, with no date): the opening balance, the whole months
 * before from `account_months`, and that month's own rows up to the day from the account's index. However
 * large the account, a few dozen rows are read; the heavy benchmark user's balances take well under 2 ms.
 */
// Each subquery names the user itself, not through `a`: Citus routes a statement to one shard only when every
// sharded table in it is pinned to the same user by a value.
const BALANCE = sql`(a.opening_balance
  + coalesce((SELECT sum(m.net) FROM account_months m
      WHERE m.user_id = ${placeholder('userId')}::integer AND m.account_id = a.id
        AND (${placeholder('date')}::date IS NULL
          OR (m.year, m.month) < (extract(year FROM ${placeholder('date')}::date)::smallint,
                                  extract(month FROM ${placeholder('date')}::date)::smallint))), 0)
  + coalesce((SELECT sum(CASE WHEN t.type = 'INCOME' THEN t.amount ELSE -t.amount END) FROM transactions t
      WHERE ${placeholder('date')}::date IS NOT NULL AND t.user_id = ${placeholder('userId')}::integer AND t.account_id = a.id
        AND t.date >= date_trunc('month', ${placeholder('date')}::date)::date
        AND t.date <= ${placeholder('date')}::date), 0))::text`;

export interface AccountRow {
  id: number;
  name: string;
  kind: string;
  openingBalance: string;
  openingDate: string | null;
  archived: boolean;
  isDefault: boolean;
  balance: string;
  transactionCount: number;
  createdAt: string;
  updatedAt: string;
}

/** The user's accounts (or one, with placeholder `id`), each with its balance at placeholder `date`. */
export function accountsStatement(db: Database, one: boolean) {
  return preparedSql<AccountRow>(
    db,
    `accounts_with_balance:${one}`,
    () => sql`SELECT a.id, a.name, a.kind::text AS kind, a.opening_balance::text AS "openingBalance",
        a.opening_date::text AS "openingDate", a.archived, a.is_default AS "isDefault",
        ${BALANCE} AS balance,
        (SELECT coalesce(sum(m.transaction_count), 0) FROM account_months m WHERE m.user_id = ${placeholder('userId')}::integer AND m.account_id = a.id)::integer
          AS "transactionCount",
        to_char(a.created_at AT TIME ZONE 'UTC', ${sql.raw(ISO_UTC)}) AS "createdAt",
        to_char(a.updated_at AT TIME ZONE 'UTC', ${sql.raw(ISO_UTC)}) AS "updatedAt"
      FROM accounts a
      WHERE a.user_id = ${placeholder('userId')} ${one ? sql`AND a.id = ${placeholder('id')}` : sql``}
      ORDER BY a.archived, lower(a.name), a.id`,
  );
}

/**
 * The account's balance just after one of its rows, in register order (date, then id): what a running
 * balance starts from on any page of the register.
 */
export function balanceAfterRowStatement(db: Database) {
  // The month's bounds arrive as values, not expressions over a parameter: this statement is prepared, and
  // the generic plan PostgreSQL settles on after five runs must still see an index range (with
  // `date_trunc($1)` it summed the account's whole history instead: 30 ms for the heavy user, not 0.2).
  return preparedSql<{ balance: string | null }>(
    db,
    'accounts_balance_after_row',
    () => sql`SELECT (a.opening_balance
        + coalesce((SELECT sum(m.net) FROM account_months m
            WHERE m.user_id = ${placeholder('userId')}::integer AND m.account_id = a.id
              AND (m.year, m.month) < (${placeholder('year')}::smallint, ${placeholder('month')}::smallint)), 0)
        + coalesce((SELECT sum(CASE WHEN t.type = 'INCOME' THEN t.amount ELSE -t.amount END) FROM transactions t
            WHERE t.user_id = ${placeholder('userId')}::integer AND t.account_id = a.id
              AND t.date >= ${placeholder('monthStart')}::date
              AND (t.date, t.id) <= (${placeholder('date')}::date, ${placeholder('rowId')}::integer)), 0))::text
          AS balance
      FROM accounts a WHERE a.id = ${placeholder('accountId')}::integer AND a.user_id = ${placeholder('userId')}::integer`,
  );
}
