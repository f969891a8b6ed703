import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { rowsOf } from '../db/rows';
import { CATEGORY_NAME_MAX_LENGTH, NOTE_MAX_LENGTH } from '../limits';
import { applyRuleActions } from '../rules/matcher';
import type { Rule } from '../rules/schemas';
import type { ParsedRow } from './parse/types';
import { payeeKey } from './payee-key';
import type { CategorySource } from './schemas';

export const DEFAULT_CATEGORY_NAME = 'Uncategorized';

/** What the user already has that decides a row's category: categories, rules, past choices. */
export interface CategoryKnowledge {
  /** lower(name) -> the category. */
  categories: Map<string, { id: number; name: string }>;
  byId: Map<number, string>;
  rules: Rule[];
  /** payeeKey -> the category most often chosen for it. */
  learned: Map<string, number>;
}

export async function loadCategoryKnowledge(
  db: Database,
  userId: number,
  rules: Rule[],
): Promise<CategoryKnowledge> {
  const known = rowsOf<{ id: number; name: string }>(
    await db.execute(sql`SELECT id, name FROM categories WHERE user_id = ${userId}`),
  );
  // Each distinct (payee, category) once with its count: bounded by the user's distinct payees.
  const choices = rowsOf<{ payee: string; categoryId: number; n: number }>(
    await db.execute(sql`SELECT payee, category_id AS "categoryId", count(*)::integer AS n
      FROM transactions
      WHERE user_id = ${userId} AND payee <> '' AND category_id IS NOT NULL
      GROUP BY payee, category_id`),
  );
  const tally = new Map<string, Map<number, number>>();
  for (const choice of choices) {
    const key = payeeKey(choice.payee);
    if (key === '') continue;
    const counts = tally.get(key) ?? new Map<number, number>();
    counts.set(choice.categoryId, (counts.get(choice.categoryId) ?? 0) + choice.n);
    tally.set(key, counts);
  }
  const learned = new Map<string, number>();
  for (const [key, counts] of tally) {
    let best: [number, number] | undefined;
    for (const entry of counts)
      if (!best || entry[1] > best[1] || (entry[1] === best[1] && entry[0] < best[0])) best = entry;
    if (best) learned.set(key, best[0]);
  }
  return {
    categories: new Map(known.map((c) => [c.name.toLowerCase(), c])),
    byId: new Map(known.map((c) => [c.id, c.name])),
    rules,
    learned,
  };
}

export interface CategorizedRow {
  payee: string;
  note: string;
  /** The category's name as it is or will be. */
  category: string;
  source: CategorySource;
}

/**
 * A readable row's final payee, note and category. The category comes from, in order: the file's own
 * category column (a missing category only when it may be created), the user's rules, the category the
 * user most often chose for the same payee, else "Uncategorized". Rules rename payees and add to notes
 * whichever way the category is decided.
 */
export function categorize(
  row: ParsedRow & { type: 'INCOME' | 'EXPENSE'; amount: string },
  accountId: number,
  knowledge: CategoryKnowledge,
  createCategories: boolean,
): CategorizedRow {
  const outcome = applyRuleActions(
    knowledge.rules,
    { payee: row.payee, note: row.note, amount: row.amount, type: row.type, accountId },
    NOTE_MAX_LENGTH,
  );
  // Cut by characters, not UTF-16 units: half an emoji is not text.
  const fromFile = Array.from(row.category?.replaceAll('\u0000', '').trim() ?? '')
    .slice(0, CATEGORY_NAME_MAX_LENGTH)
    .join('')
    .trim();
  if (fromFile) {
    const known = knowledge.categories.get(fromFile.toLowerCase());
    if (known) return { ...outcome, category: known.name, source: 'file' };
    if (createCategories) return { ...outcome, category: fromFile, source: 'file' };
  }
  const ruled = outcome.categoryId === undefined ? undefined : knowledge.byId.get(outcome.categoryId);
  if (ruled !== undefined) return { ...outcome, category: ruled, source: 'rule' };
  const learnedId =
    knowledge.learned.size === 0
      ? undefined
      : (knowledge.learned.get(payeeKey(outcome.payee)) ?? knowledge.learned.get(payeeKey(row.payee)));
  const learned = learnedId === undefined ? undefined : knowledge.byId.get(learnedId);
  if (learned !== undefined) return { ...outcome, category: learned, source: 'learned' };
  const fallback = knowledge.categories.get(DEFAULT_CATEGORY_NAME.toLowerCase());
  return { ...outcome, category: fallback?.name ?? DEFAULT_CATEGORY_NAME, source: 'default' };
}
