import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory } from '../categories/service';
import { transactions } from '../db/schema';
import { seededRandom } from '../demo/seeded-random';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { createUser } from '../testing/fixtures';
import { monthRange } from '../validation/dates';
import { getAnomalies } from './anomalies';
import type { AnomalyKind } from './schemas';

/**
 * How good is getAnomalies? Many seeded user histories, each either steady (a control) or with one
 * labelled injected anomaly, and the detector's precision and recall over all of them.
 */
const TARGET = '2026-06';
const PER_SCENARIO = 15;
type Scenario = 'control' | AnomalyKind;
const SCENARIOS: Scenario[] = ['control', 'category_spike', 'large_transaction', 'new_category'];

interface Case {
  userId: number;
  scenario: Scenario;
  /** The injected anomaly, as "kind:category"; none for controls. */
  label: string | null;
}

let database: TestDatabase;
const cases: Case[] = [];

async function household(seed: number, scenario: Scenario): Promise<Case> {
  const db = database.db;
  const next = seededRandom(seed);
  const user = await createUser(db, 'quality');
  const names = ['Rent', 'Groceries', 'Dining', 'Utilities', 'Transport', 'Salary', 'Travel'];
  const ids = new Map<string, number>();
  for (const name of names) ids.set(name, (await createCategory(db, user.id, { name })).id);
  // Each household has its own scale and its own noise, as real ones do.
  const scale = 0.6 + next() * 1.2;
  const noise = 0.1 + next() * 0.25;
  const rows: (typeof transactions.$inferInsert)[] = [];
  const add = (category: string, amount: number, date: string, type: 'INCOME' | 'EXPENSE' = 'EXPENSE') =>
    rows.push({ userId: user.id, categoryId: ids.get(category) ?? 0, type, amount: amount.toFixed(2), date });
  const vary = (base: number, spread = noise) => base * scale * (1 + spread * (2 * next() - 1));
  for (let offset = -12; offset <= 0; offset++) {
    const prefix = monthRange(TARGET, offset).start.slice(0, 8);
    const day = (d: number) => `${prefix}${String(d).padStart(2, '0')}`;
    add('Salary', 4000 * scale, day(1), 'INCOME');
    add('Rent', 1400 * scale, day(2));
    add('Utilities', vary(110), day(9));
    for (const d of [3, 10, 17, 24]) add('Groceries', vary(95), day(d));
    for (let n = 2 + Math.floor(next() * 4); n > 0; n--)
      add('Dining', vary(40, noise + 0.2), day(1 + Math.floor(next() * 27)));
    for (let n = 6 + Math.floor(next() * 6); n > 0; n--)
      add('Transport', vary(9, noise + 0.2), day(1 + Math.floor(next() * 27)));
  }
  const inTarget = (d: number) => `${TARGET}-${String(d).padStart(2, '0')}`;
  let label: string | null = null;
  if (scenario === 'category_spike') {
    const category = next() < 0.5 ? 'Groceries' : 'Transport';
    const extra = category === 'Groceries' ? 4 : 20;
    const base = category === 'Groceries' ? 95 : 9;
    // Two to three times the usual month, spread over ordinary-sized purchases.
    const factor = 1.5 + next();
    for (let n = 0; n < Math.round(extra * factor); n++) add(category, vary(base), inTarget(1 + (n % 27)));
    label = `category_spike:${category}`;
  } else if (scenario === 'large_transaction') {
    add('Dining', 40 * scale * (6 + next() * 10), inTarget(14));
    label = 'large_transaction:Dining';
  } else if (scenario === 'new_category') {
    add('Travel', 2400 * scale * (0.3 + next() * 0.4), inTarget(20));
    label = 'new_category:Travel';
  }
  for (let index = 0; index < rows.length; index += 500)
    await db.insert(transactions).values(rows.slice(index, index + 500));
  return { userId: user.id, scenario, label };
}

beforeAll(async () => {
  database = await createTestDatabase();
  let seed = 1;
  for (const scenario of SCENARIOS) {
    for (let n = 0; n < PER_SCENARIO; n++) cases.push(await household(seed++ * 7919, scenario));
  }
});
afterAll(() => database.close());

describe('anomaly detection quality on seeded histories', () => {
  it('has precision and recall of at least 0.9, and no flags on steady histories', async () => {
    let truePositives = 0;
    let predictions = 0;
    let found = 0;
    const controlFlags: string[] = [];
    const tally = () => ({ labels: 0, found: 0, extra: 0 });
    const perScenario: Record<Scenario, ReturnType<typeof tally>> = {
      control: tally(),
      category_spike: tally(),
      large_transaction: tally(),
      new_category: tally(),
    };
    for (const { userId, scenario, label } of cases) {
      const { anomalies } = await getAnomalies(database.db, userId, TARGET);
      const predicted = anomalies.map((a) => `${a.kind}:${a.category}`);
      const stats = perScenario[scenario];
      predictions += predicted.length;
      const hits = predicted.filter((p) => p === label).length;
      truePositives += hits;
      stats.extra += predicted.length - hits;
      if (label) {
        stats.labels += 1;
        if (hits > 0) {
          found += 1;
          stats.found += 1;
        }
      }
      if (scenario === 'control') controlFlags.push(...predicted);
    }
    const labels = cases.filter((c) => c.label).length;
    const precision = predictions === 0 ? 1 : truePositives / predictions;
    const recall = found / labels;
    console.info(
      `anomaly quality over ${cases.length} histories: precision ${precision.toFixed(3)} (${truePositives}/${predictions}), ` +
        `recall ${recall.toFixed(3)} (${found}/${labels}); per scenario ${JSON.stringify(perScenario)}`,
    );
    expect(controlFlags).toEqual([]);
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });
});
