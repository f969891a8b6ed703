import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { rowsOf } from '../db/rows';
import { ruleMatches } from '../rules/matcher';
import { listRules } from '../rules/service';
import { parseInput } from '../validation/parse-input';
import { type CategorySuggestion, type SuggestCategoryInput, suggestCategoryInput } from './schemas';

/** How far back the history is read: bounded, so a suggestion costs the same for any length of history. */
const RECENT_ROWS = 2000;

/**
 * The category a new transaction with this payee most likely belongs to: the first of the user's rules that
 * files such a payee (rules that also test an amount or an account are left out: the form does not know
 * those yet), else the category most used with this payee among the user's latest 2,000 transactions (the
 * latest wins a tie). Only categories whose kind fits `type` are suggested.
 */
export async function suggestCategory(
  db: Database,
  userId: number,
  input: SuggestCategoryInput,
): Promise<CategorySuggestion> {
  const { payee, type } = parseInput(suggestCategoryInput, input);
  if (payee === '') return { categoryId: null, source: null };
  const kinds = rowsOf<{ id: number; kind: string | null }>(
    await db.execute(sql`SELECT id, kind::text AS kind FROM categories WHERE user_id = ${userId}`),
  );
  const fits = new Set(
    kinds.filter((category) => !type || category.kind === null || category.kind === type).map((c) => c.id),
  );
  for (const rule of await listRules(db, userId)) {
    const categoryId = rule.actions.categoryId;
    if (categoryId === undefined || !fits.has(categoryId)) continue;
    if (rule.amountMin !== undefined || rule.amountMax !== undefined || rule.accountId !== undefined)
      continue;
    if (rule.conditions.some((condition) => condition.field !== 'payee')) continue;
    if (rule.type !== undefined && type !== undefined && rule.type !== type) continue;
    const subject = { payee, note: '', amount: '0.01', type: type ?? 'EXPENSE', accountId: 0 } as const;
    if (ruleMatches({ ...rule, type: undefined }, subject)) return { categoryId, source: 'rule' };
  }
  const ranked = rowsOf<{ categoryId: number }>(
    await db.execute(sql`
      SELECT category_id AS "categoryId" FROM (
        SELECT payee, category_id, date, id FROM transactions
        WHERE user_id = ${userId} ORDER BY date DESC, id DESC LIMIT ${RECENT_ROWS}
      ) recent
      WHERE lower(payee) = lower(${payee}) AND category_id IS NOT NULL
      GROUP BY category_id
      ORDER BY count(*) DESC, max(date) DESC, max(id) DESC`),
  );
  const best = ranked.find((row) => fits.has(row.categoryId));
  return best ? { categoryId: best.categoryId, source: 'history' } : { categoryId: null, source: null };
}
