import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { preparedSql } from '../db/prepared';
import { normaliseMoney } from '../validation/money';
import type { Transaction, TransactionFilters, TransactionOrdering } from './schemas';

/**
 * The transaction service's hot statements, in SQL. Two reasons not to leave them to the query builder:
 *
 * - Speed: rows come back already shaped as a `Transaction` (text dates, amounts and ISO timestamps made by
 *   PostgreSQL), so nothing is mapped field by field in JavaScript (see `preparedSql`).
 * - Plans that do not depend on luck. These are prepared statements, and after a few runs PostgreSQL may
 *   switch to one generic plan for all parameters, chosen from whatever statistics exist at that moment; a
 *   freshly loaded table has none. A page is therefore taken from `transactions` alone, in index order, and
 *   only its rows are joined to their categories: with the LIMIT inside the subquery, the one sensible plan
 *   is to walk `transactions_user_date_id_idx` (or the category index) and stop, whatever the estimates say.
 *   A join written over the whole table left the planner free to fetch every one of the user's rows by
 *   category and sort them, which the generic plan did, on analysed and unanalysed tables alike
 *   (docs/benchmarks.md has the plans).
 */

const placeholder = sql.placeholder;
const ISO_UTC = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/** The columns of a `Transaction`, from a transactions row `t` and its category `c`. */
const TRANSACTION_COLUMNS = sql.raw(`t.id, t.category_id AS "categoryId", c.name AS "categoryName",
  t.account_id AS "accountId", t.type::text AS type, t.amount::text AS amount, t.date::text AS date, t.note,
  t.payee, t.transfer_peer_id AS "transferId",
  to_char(t.created_at AT TIME ZONE 'UTC', ${ISO_UTC}) AS "createdAt",
  to_char(t.updated_at AT TIME ZONE 'UTC', ${ISO_UTC}) AS "updatedAt"`);

/**
 * The row's category (none on a transfer). Its user is named by value rather than as `t.user_id`: the page
 * subquery hides `t.user_id = $user` from the outer join, and without it a generic plan hashes every
 * user's categories.
 */
const WITH_CATEGORY = sql`LEFT JOIN categories c ON c.id = t.category_id AND c.user_id = ${placeholder('userId')}`;
const NEWEST_FIRST = sql.raw('ORDER BY t.date DESC, t.id DESC');

/** The user's number of transactions, from the monthly counts the summary trigger keeps exact. */
const STORED_COUNT = sql`(SELECT coalesce(sum(s.transaction_count), 0)::integer FROM monthly_summaries s
  WHERE s.user_id = ${placeholder('userId')})`;

/** Each filter's condition on a transactions row `t`, its value supplied as the placeholder of its name. */
const FILTER_CONDITIONS = {
  from: sql`t.date >= ${placeholder('from')}::date`,
  to: sql`t.date <= ${placeholder('to')}::date`,
  type: sql`t.type = ${placeholder('type')}::transaction_type`,
  categoryId: sql`t.category_id = ${placeholder('categoryId')}::bigint`,
  // Beside `t.user_id = $1` the page walks the (user, account, date, id) index and stops, generic plan or
  // not; an account-only index once made a generic plan combine two indexes over the user's whole history
  // and sort it (30 ms instead of 0.3). Another user's account has none of this user's rows.
  accountId: sql`t.account_id = ${placeholder('accountId')}::bigint`,
  search: sql`(t.note ILIKE ${placeholder('search')} OR t.payee ILIKE ${placeholder('search')}
    OR t.amount = ${placeholder('searchAmount')}::numeric
    OR t.category_id IN (SELECT sc.id FROM categories sc
      WHERE sc.user_id = ${placeholder('userId')} AND sc.name ILIKE ${placeholder('search')}))`,
} satisfies Record<keyof TransactionFilters, SQL>;

export type FilterName = keyof typeof FILTER_CONDITIONS;
const FILTER_NAMES = Object.keys(FILTER_CONDITIONS) as FilterName[];

/** Which filters a request uses: the shape of its statement (an empty search is no filter). */
export function filtersGiven(filters: TransactionFilters): FilterName[] {
  return FILTER_NAMES.filter((name) => filters[name] !== undefined && filters[name] !== '');
}

function searchedAmount(search: string | undefined): string | null {
  if (search === undefined) return null;
  const result = normaliseMoney(search.replace(/^[-+]/, '').replace(/^(\d+),(\d{1,2})$/, '$1.$2'));
  return result.ok ? result.value : null;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** The placeholder values of the filters (and the user) for any of these statements. */
export function filterValues(userId: number, filters: TransactionFilters) {
  return {
    userId,
    from: filters.from,
    to: filters.to,
    type: filters.type,
    categoryId: filters.categoryId,
    accountId: filters.accountId,
    search: filters.search === undefined ? undefined : `%${escapeLike(filters.search)}%`,
    // "12.50", "12,50" or "12.5" also finds the transactions of exactly that amount.
    searchAmount: searchedAmount(filters.search),
  };
}

function whereUser(given: FilterName[], extra: SQL[] = []): SQL {
  const conditions = [
    sql`t.user_id = ${placeholder('userId')}`,
    ...given.map((name) => FILTER_CONDITIONS[name]),
    ...extra,
  ];
  return sql`WHERE ${sql.join(conditions, sql` AND `)}`;
}

/** Rows after a cursor in list order (placeholders `afterDate`, `afterId`), or no condition. */
function afterCursor(after: boolean): SQL[] {
  return after
    ? [sql`(t.date, t.id) < (${placeholder('afterDate')}::date, ${placeholder('afterId')}::bigint)`]
    : [];
}

/**
 * The inner (transactions only) and outer (with the category's name) ORDER BY of each list order. The
 * category's name is looked up by the user given, not the row's column: a subquery tied to the outer row by
 * a column goes to every shard on Citus.
 */
const ORDERS: Record<TransactionOrdering, { inner: SQL; outer: string }> = {
  '-date': { inner: sql.raw('ORDER BY t.date DESC, t.id DESC'), outer: 'ORDER BY t.date DESC, t.id DESC' },
  date: { inner: sql.raw('ORDER BY t.date, t.id'), outer: 'ORDER BY t.date, t.id' },
  '-amount': {
    inner: sql.raw('ORDER BY t.amount DESC, t.id DESC'),
    outer: 'ORDER BY t.amount DESC, t.id DESC',
  },
  amount: { inner: sql.raw('ORDER BY t.amount, t.id'), outer: 'ORDER BY t.amount, t.id' },
  payee: { inner: sql.raw('ORDER BY lower(t.payee), t.id'), outer: 'ORDER BY lower(t.payee), t.id' },
  '-payee': {
    inner: sql.raw('ORDER BY lower(t.payee) DESC, t.id DESC'),
    outer: 'ORDER BY lower(t.payee) DESC, t.id DESC',
  },
  // Transfers (no category) come last either way.
  category: {
    inner: sql`ORDER BY (SELECT lower(oc.name) FROM categories oc
      WHERE oc.user_id = ${placeholder('userId')} AND oc.id = t.category_id) NULLS LAST, t.id`,
    outer: 'ORDER BY lower(c.name) NULLS LAST, t.id',
  },
  '-category': {
    inner: sql`ORDER BY (SELECT lower(oc.name) FROM categories oc
      WHERE oc.user_id = ${placeholder('userId')} AND oc.id = t.category_id) DESC NULLS LAST, t.id DESC`,
    outer: 'ORDER BY lower(c.name) DESC NULLS LAST, t.id DESC',
  },
};

export interface PageShape {
  /** Newest first when omitted. */
  ordering?: TransactionOrdering;
  given: FilterName[];
  /** Continues after a cursor: placeholders `afterDate`, `afterId`. */
  after: boolean;
  /** Carries the user's total (unfiltered only) in a `total` column. */
  withTotal: boolean;
}

export type TransactionRow = Transaction & { total?: number };

/** The SQL of one page in list order: placeholders `limit` and `offset` besides the filters'. */
export function pageSql({ given, after, withTotal, ordering = '-date' }: PageShape): SQL {
  const order = ORDERS[ordering];
  return sql`SELECT ${TRANSACTION_COLUMNS}${withTotal ? sql`, ${STORED_COUNT} AS total` : sql``}
    FROM (SELECT * FROM transactions t ${whereUser(given, afterCursor(after))} ${order.inner}
      LIMIT ${placeholder('limit')} OFFSET ${placeholder('offset')}) t
    ${WITH_CATEGORY} ${sql.raw(order.outer)}`;
}

/** One page in list order, prepared (see `pageSql`). */
export function pageStatement(db: Database, shape: PageShape) {
  const { given, after, withTotal, ordering = '-date' } = shape;
  return preparedSql<TransactionRow>(
    db,
    `transactions_page:${given}:${after}:${withTotal}${ordering === '-date' ? '' : `:${ordering}`}`,
    () => pageSql(shape),
  );
}

/** The income and the expenses of every matching row (transfer sides included, as the list shows them). */
export function sumsStatement(db: Database, given: FilterName[]) {
  return preparedSql<{ income: string; expense: string }>(
    db,
    `transactions_sums:${given}`,
    () => sql`SELECT
        coalesce(sum(t.amount) FILTER (WHERE t.type = 'INCOME'), 0)::numeric(18, 2)::text AS income,
        coalesce(sum(t.amount) FILTER (WHERE t.type = 'EXPENSE'), 0)::numeric(18, 2)::text AS expense
      FROM transactions t ${whereUser(given)}`,
  );
}

/** How many transactions match; unfiltered, from the stored monthly counts. */
export function countStatement(db: Database, given: FilterName[]) {
  return preparedSql<{ value: number }>(db, `transactions_count:${given}`, () =>
    given.length === 0
      ? sql`SELECT ${STORED_COUNT} AS value`
      : sql`SELECT count(*)::integer AS value FROM transactions t ${whereUser(given)}`,
  );
}

/** The earliest and latest matching date. */
export function dateRangeStatement(db: Database, given: FilterName[]) {
  return preparedSql<{ first: string | null; last: string | null }>(
    db,
    `transactions_date_range:${given}`,
    () =>
      sql`SELECT min(t.date)::text AS first, max(t.date)::text AS last FROM transactions t ${whereUser(given)}`,
  );
}

/** The SQL of one of the user's transactions: placeholders `id`, `userId`. */
export function byIdSql(): SQL {
  return sql`SELECT ${TRANSACTION_COLUMNS} FROM transactions t ${WITH_CATEGORY}
    WHERE t.id = ${placeholder('id')} AND t.user_id = ${placeholder('userId')}`;
}

/** One of the user's transactions, prepared (see `byIdSql`). */
export function byIdStatement(db: Database) {
  return preparedSql<Transaction>(db, 'transactions_by_id', byIdSql);
}

/**
 * The SQL that inserts a transaction and answers it with its category's name, in one round trip. The summary
 * trigger runs inside the same statement; the foreign key to (category, user) refuses another user's category.
 */
export function insertSql(): SQL {
  return sql`WITH t AS (
      INSERT INTO transactions (user_id, category_id, account_id, type, amount, date, note, payee)
      VALUES (${placeholder('userId')}, ${placeholder('categoryId')}, ${placeholder('accountId')}::bigint,
        ${placeholder('type')}, ${placeholder('amount')}, ${placeholder('date')}, ${placeholder('note')},
        ${placeholder('payee')})
      RETURNING *)
    SELECT ${TRANSACTION_COLUMNS} FROM t ${WITH_CATEGORY}`;
}

/** The insert, prepared (see `insertSql`). */
export function insertStatement(db: Database) {
  return preparedSql<Transaction>(db, 'transactions_insert', insertSql);
}

/** How PostgreSQL writes each field of a transactions row `t` as JSON text (strings it quotes need no escapes). */
const JSON_TEXT = {
  id: 't.id::text',
  categoryId: `coalesce(t.category_id::text, 'null')`,
  accountId: 't.account_id::text',
  payee: 'to_json(t.payee)::text',
  transferId: `coalesce(t.transfer_peer_id::text, 'null')`,
  type: `'"' || t.type::text || '"'`,
  amount: `'"' || t.amount::text || '"'`,
  date: `'"' || t.date::text || '"'`,
  note: 'to_json(t.note)::text',
  createdAt: `'"' || to_char(t.created_at AT TIME ZONE 'UTC', ${ISO_UTC}) || '"'`,
  updatedAt: `'"' || to_char(t.updated_at AT TIME ZONE 'UTC', ${ISO_UTC}) || '"'`,
} satisfies Partial<Record<keyof Transaction, string>>;

export type JsonTextField = keyof typeof JSON_TEXT;
/** A JSON object's keys, in order, each with the field it holds. */
export type JsonTextLayout = readonly (readonly [key: string, field: JsonTextField])[];

/** One batch of rows written as JSON text, and where the next batch starts. */
export interface JsonTextBatch {
  text: string | null;
  rows: number;
  lastDate: string | null;
  lastId: number | null;
}

/**
 * A batch in list order written by PostgreSQL as JSON objects of `layout`, comma-separated: a whole list
 * streamed this way never becomes row objects in JavaScript, which kept a 20-client stream's memory to a
 * third (docs/benchmarks.md). Placeholders `limit` (and `afterDate`, `afterId`) besides the filters'.
 */
export function jsonTextBatchStatement(
  db: Database,
  layout: JsonTextLayout,
  { given, after }: Pick<PageShape, 'given' | 'after'>,
) {
  const name = `transactions_json:${layout.map(([key, field]) => `${key}=${field}`)}:${given}:${after}`;
  return preparedSql<JsonTextBatch>(db, name, () => {
    const parts = layout.map(([key, field], index) => {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new Error(`not a plain JSON key: ${key}`);
      return `'${index === 0 ? '{' : ','}"${key}":' || ${JSON_TEXT[field]}`;
    });
    const object = sql.raw(`${parts.join(' || ')} || '}'`);
    return sql`SELECT string_agg(${object}, ',' ${NEWEST_FIRST}) AS text, count(*)::integer AS rows,
        min(t.date)::text AS "lastDate", (array_agg(t.id ORDER BY t.date, t.id))[1] AS "lastId"
      FROM (SELECT * FROM transactions t ${whereUser(given, afterCursor(after))} ${NEWEST_FIRST}
        LIMIT ${placeholder('limit')}) t`;
  });
}
