import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { rowsOf } from '../db/rows';
import { categories, financeAccounts, rules } from '../db/schema';
import { isoTimestamp } from '../db/timestamps';
import { AppError, fieldError, notFound } from '../errors';
import { NOTE_MAX_LENGTH, QUOTAS } from '../limits';
import { type ByIdInput, byIdInput } from '../validation/ids';
import { parseInput } from '../validation/parse-input';
import { applyRuleActions, ruleMatches } from './matcher';
import {
  type ApplyRuleInput,
  applyRuleInput,
  type CreateRuleInput,
  createRuleInput,
  type ReplaceRuleInput,
  type Rule,
  type RuleActions,
  type RuleApplication,
  type RuleMatch,
  replaceRuleInput,
  type UpdateRuleInput,
  updateRuleInput,
} from './schemas';

type RuleRow = typeof rules.$inferSelect;

function toRule(row: RuleRow): Rule {
  const match = row.conditions as RuleMatch;
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    conditions: match.conditions ?? [],
    ...(match.amountMin !== undefined && { amountMin: match.amountMin }),
    ...(match.amountMax !== undefined && { amountMax: match.amountMax }),
    ...(match.type !== undefined && { type: match.type }),
    ...(match.accountId !== undefined && { accountId: match.accountId }),
    actions: row.actions as RuleActions,
    createdAt: isoTimestamp(row.createdAt),
    updatedAt: isoTimestamp(row.updatedAt),
  };
}

function storedMatch(rule: RuleMatch): RuleMatch {
  const { conditions, amountMin, amountMax, type, accountId } = rule;
  return { conditions, amountMin, amountMax, type, accountId };
}

/** The category and account a rule names must be the user's own. */
async function checkReferences(
  db: Database,
  userId: number,
  rule: { accountId?: number; actions?: RuleActions },
) {
  const categoryId = rule.actions?.categoryId;
  if (categoryId !== undefined) {
    const [found] = await db
      .select({ n: count() })
      .from(categories)
      .where(and(eq(categories.id, categoryId), eq(categories.userId, userId)));
    if (!found?.n)
      throw fieldError('actions.categoryId', `Invalid pk "${categoryId}" - object does not exist.`);
  }
  if (rule.accountId !== undefined) {
    const [found] = await db
      .select({ n: count() })
      .from(financeAccounts)
      .where(and(eq(financeAccounts.id, rule.accountId), eq(financeAccounts.userId, userId)));
    if (!found?.n) throw fieldError('accountId', `Invalid pk "${rule.accountId}" - object does not exist.`);
  }
}

/** Stores a whole, checked rule over the user's rule `id`. */
async function writeRule(
  db: Database,
  userId: number,
  id: number,
  rule: RuleMatch & { name: string; position: number; actions: RuleActions },
): Promise<Rule> {
  const [row] = await db
    .update(rules)
    .set({
      name: rule.name,
      position: rule.position,
      conditions: storedMatch(rule),
      actions: rule.actions,
      updatedAt: sql`now()`,
    })
    .where(and(eq(rules.id, id), eq(rules.userId, userId)))
    .returning();
  if (!row) throw notFound();
  return toRule(row);
}

/** The user's rules in the order they run. */
export async function listRules(db: Database, userId: number): Promise<Rule[]> {
  const rows = await db
    .select()
    .from(rules)
    .where(eq(rules.userId, userId))
    .orderBy(asc(rules.position), asc(rules.id));
  return rows.map(toRule);
}

export async function getRule(db: Database, userId: number, input: ByIdInput): Promise<Rule> {
  const { id } = parseInput(byIdInput, input);
  const [row] = await db
    .select()
    .from(rules)
    .where(and(eq(rules.id, id), eq(rules.userId, userId)));
  if (!row) throw notFound();
  return toRule(row);
}

export async function createRule(db: Database, userId: number, input: CreateRuleInput): Promise<Rule> {
  const data = parseInput(createRuleInput, input);
  await checkReferences(db, userId, data);
  const [existing] = await db.select({ n: count() }).from(rules).where(eq(rules.userId, userId));
  if ((existing?.n ?? 0) >= QUOTAS.rules) {
    throw new AppError(
      'CONFLICT',
      `You have ${QUOTAS.rules} rules, the most you can have. Delete one first.`,
    );
  }
  const [row] = await db
    .insert(rules)
    .values({
      userId,
      name: data.name,
      position: data.position,
      conditions: storedMatch(data),
      actions: data.actions,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return toRule(row);
}

/** Changes the fields given; `conditions` and `actions` are replaced whole. */
export async function updateRule(db: Database, userId: number, input: UpdateRuleInput): Promise<Rule> {
  const { id, ...changes } = parseInput(updateRuleInput, input);
  const current = await getRule(db, userId, { id });
  const { id: _id, createdAt: _created, updatedAt: _updated, ...fields } = current;
  const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
  // The rule as it would be, checked as a whole (it must still have a condition and a sane amount range).
  const next = parseInput(createRuleInput, { ...fields, ...defined });
  await checkReferences(db, userId, changes);
  return writeRule(db, userId, id, next);
}

/** Replaces the whole rule (what is left out is gone), as a PUT does. */
export async function replaceRule(db: Database, userId: number, input: ReplaceRuleInput): Promise<Rule> {
  const { id, ...data } = parseInput(replaceRuleInput, input);
  await getRule(db, userId, { id });
  await checkReferences(db, userId, data);
  return writeRule(db, userId, id, data);
}

export async function deleteRule(db: Database, userId: number, input: ByIdInput): Promise<void> {
  const { id } = parseInput(byIdInput, input);
  const deleted = await db
    .delete(rules)
    .where(and(eq(rules.id, id), eq(rules.userId, userId)))
    .returning({ id: rules.id });
  if (deleted.length === 0) throw notFound();
}

/** Rows read per statement while a rule runs over the existing transactions. */
const APPLY_BATCH_SIZE = 2000;

interface Candidate {
  id: number;
  accountId: number;
  categoryId: number;
  type: 'INCOME' | 'EXPENSE';
  amount: string;
  payee: string;
  note: string;
}

/**
 * Runs one rule over the user's existing transactions (transfers excepted: they have no category). With
 * `dryRun`, counts what it matches and would change, and writes nothing. The rows are read in keyset
 * batches and matched by the same code the importer uses, so a rule behaves the same on import and here;
 * the changes are written in one statement per batch.
 */
export async function applyRule(
  db: Database,
  userId: number,
  input: ApplyRuleInput,
): Promise<RuleApplication> {
  const { id, dryRun } = parseInput(applyRuleInput, input);
  const rule = await getRule(db, userId, { id });
  // Its category may have been deleted since (rules keep it by id): say so rather than fail on the write.
  await checkReferences(db, userId, rule);
  let matched = 0;
  let changed = 0;
  let afterId = 0;
  for (;;) {
    const batch = rowsOf<Candidate>(
      await db.execute(sql`SELECT id, account_id AS "accountId", category_id AS "categoryId", type::text AS type,
          amount::text AS amount, payee, note
        FROM transactions
        WHERE user_id = ${userId} AND transfer_peer_id IS NULL AND id > ${afterId}
        ORDER BY id LIMIT ${APPLY_BATCH_SIZE}`),
    );
    const updates: { id: number; categoryId: number; payee: string; note: string }[] = [];
    for (const row of batch) {
      if (!ruleMatches(rule, row)) continue;
      matched++;
      const outcome = applyRuleActions([rule], row, NOTE_MAX_LENGTH);
      const categoryId = outcome.categoryId ?? row.categoryId;
      if (categoryId !== row.categoryId || outcome.payee !== row.payee || outcome.note !== row.note) {
        updates.push({ id: row.id, categoryId, payee: outcome.payee, note: outcome.note });
      }
    }
    changed += updates.length;
    if (!dryRun && updates.length > 0) {
      await db.execute(sql`UPDATE transactions t
          SET category_id = u.category_id, payee = u.payee, note = u.note, updated_at = now()
          FROM json_to_recordset(${JSON.stringify(updates.map((u) => ({ id: u.id, category_id: u.categoryId, payee: u.payee, note: u.note })))}::json)
            AS u(id bigint, category_id bigint, payee text, note text)
          WHERE t.id = u.id AND t.user_id = ${userId}`);
    }
    const last = batch.at(-1);
    if (!last || batch.length < APPLY_BATCH_SIZE) break;
    afterId = last.id;
  }
  return { matched, changed, dryRun };
}
