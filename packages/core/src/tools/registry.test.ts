import { toJsonSchema } from '@langchain/core/utils/json_schema';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../accounts/schemas';
import { createBudget } from '../budgets/service';
import { listCategories } from '../categories/service';
import { loadDemoData } from '../demo/service';
import { getIncomeVsExpense } from '../insights/income-vs-expense';
import { summarizeMonth } from '../insights/narrative';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { createUser } from '../testing/fixtures';
import { currentMonth } from '../validation/dates';
import { finsightLangChainTools } from './langchain';
import { createFinsightMcpServer } from './mcp';
import { finsightTools, runTool, TOOL_LIMITS, toolJsonSchema } from './registry';

let database: TestDatabase;
let alice: Profile;
let bob: Profile;
const month = currentMonth();

beforeAll(async () => {
  database = await createTestDatabase();
  alice = await createUser(database.db, 'alice');
  bob = await createUser(database.db, 'bob');
  await loadDemoData(database.db, alice.id, { months: 12, seed: 1 });
});
afterAll(() => database.close());

describe('the tool registry', () => {
  it('describes twelve tools once, with JSON Schemas that take no user id', () => {
    expect(finsightTools.map((t) => t.name)).toEqual([
      'get_transactions',
      'get_category_breakdown',
      'get_income_vs_expense',
      'get_anomalies',
      'get_monthly_trend',
      'summarize_month',
      'get_accounts',
      'search_transactions',
      'get_budget_status',
      'get_alerts',
      'get_recurring_payments',
      'get_forecast',
    ]);
    for (const tool of finsightTools) {
      const schema = toolJsonSchema(tool);
      expect(schema).toMatchObject({ type: 'object', additionalProperties: false });
      expect(JSON.stringify(schema)).not.toMatch(/user/i);
      expect(tool.description.length).toBeGreaterThan(40);
    }
    const [first] = finsightTools;
    expect(first && toolJsonSchema(first)).toMatchObject({ required: ['from', 'to'] });
  });

  it('runs every tool for the bound user, with bounded outputs', async () => {
    const year = await runTool(database.db, alice.id, 'get_transactions', {
      from: '2000-01-01',
      to: '2999-12-31',
      limit: 500,
    }).catch((e) => e);
    expect(year).toMatchObject({ code: 'BAD_REQUEST', fieldErrors: { limit: [expect.any(String)] } });
    const listed = (await runTool(database.db, alice.id, 'get_transactions', {
      from: '2000-01-01',
      to: '2999-12-31',
    })) as {
      count: number;
      truncated: boolean;
    };
    expect(listed).toMatchObject({ count: 50, truncated: true });
    const biggest = (await runTool(database.db, alice.id, 'get_transactions', {
      from: '2000-01-01',
      to: '2999-12-31',
      limit: TOOL_LIMITS.transactions,
    })) as { transactions: { note: string }[] };
    expect(biggest.transactions.every((t) => t.note.length <= TOOL_LIMITS.noteLength + 1)).toBe(true);
    for (const name of [
      'get_category_breakdown',
      'get_income_vs_expense',
      'get_anomalies',
      'summarize_month',
    ]) {
      const output = await runTool(database.db, alice.id, name, { month });
      expect(output).toMatchObject({ month });
      expect(JSON.stringify(output).length).toBeLessThan(8_000);
    }
    const trend = (await runTool(database.db, alice.id, 'get_monthly_trend', { months: 3 })) as {
      months: { month: string }[];
    };
    expect(trend.months).toHaveLength(3);
  });

  it('tells an agent about budgets, alerts, recurring payments and the forecast', async () => {
    const categories = await listCategories(database.db, alice.id);
    const rent = categories.find((c) => c.name === 'Rent');
    await createBudget(database.db, alice.id, {
      categoryId: rent?.id ?? 0,
      amount: '1000',
      startMonth: month,
    });
    // The month's rent (already booked) is over this budget: the status says so, and the narrative too.
    const status = (await runTool(database.db, alice.id, 'get_budget_status', {})) as {
      budgets: { category: string; status: string }[];
    };
    expect(status.budgets).toEqual([expect.objectContaining({ category: 'Rent', status: 'over' })]);
    const narrative = await summarizeMonth(database.db, alice.id, month);
    expect(narrative.text).toMatch(/Over budget: Rent \(\$1,450\.00 of \$1,000\.00\)\./);
    expect(narrative.budgetsAtRisk).toEqual([expect.objectContaining({ category: 'Rent', status: 'over' })]);

    const recurring = (await runTool(database.db, alice.id, 'get_recurring_payments', {})) as {
      series: { payee: string; cadence: string }[];
    };
    expect(recurring.series.length).toBeGreaterThan(2);
    expect(recurring.series.length).toBeLessThanOrEqual(TOOL_LIMITS.recurring);
    const forecast = (await runTool(database.db, alice.id, 'get_forecast', {})) as {
      month: string;
      expense: { expected: string };
    };
    expect(forecast.month).toBe(month);
    expect(Number(forecast.expense.expected)).toBeGreaterThan(0);
    const alerts = (await runTool(database.db, alice.id, 'get_alerts', { unread: true, limit: 5 })) as {
      alerts: unknown[];
    };
    expect(alerts.alerts.length).toBeLessThanOrEqual(5);
    await expect(runTool(database.db, alice.id, 'get_alerts', { limit: 500 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(await runTool(database.db, bob.id, 'get_budget_status', {})).toMatchObject({ budgets: [] });
  });

  it('keeps users apart: the same call for another user sees only their (empty) books', async () => {
    expect(await runTool(database.db, bob.id, 'get_income_vs_expense', { month })).toMatchObject({
      income: '0.00',
      expense: '0.00',
    });
    const theirs = (await runTool(database.db, bob.id, 'get_transactions', {
      from: '2000-01-01',
      to: '2999-12-31',
    })) as {
      count: number;
    };
    expect(theirs.count).toBe(0);
  });

  it('refuses unknown tools and smuggled arguments', async () => {
    await expect(runTool(database.db, alice.id, 'drop_tables', {})).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(
      runTool(database.db, bob.id, 'get_income_vs_expense', { month, userId: alice.id }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});

describe('summarize_month', () => {
  it('writes a few sentences whose numbers are the summary’s own', async () => {
    const narrative = await summarizeMonth(database.db, alice.id, month);
    const totals = await getIncomeVsExpense(database.db, alice.id, month);
    const money = (amount: string) =>
      new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(
        amount as unknown as number,
      );
    expect(narrative.income).toBe(totals.income);
    expect(narrative.text).toContain(`you earned ${money(totals.income)} and spent ${money(totals.expense)}`);
    expect(narrative.text).toContain(`saving ${money(totals.savings)} (${totals.savingsRate}% of income)`);
    const top = narrative.topCategories[0];
    expect(top && narrative.text).toContain(
      `Most went to ${top?.category} (${money(top?.total ?? '0')}, ${top?.share}%)`,
    );
    expect(narrative.text).toMatch(/than your average of the previous 3 months \(\$[\d,]+\.\d{2}\)\./);
    expect(narrative.text).toContain('Worth a look: A single 1299.00 expense in Shopping');
    expect(narrative.text.split('. ').length).toBeLessThanOrEqual(8);
  });

  it('says plainly when a month is empty', async () => {
    expect((await summarizeMonth(database.db, bob.id, '2026-02')).text).toBe(
      'No transactions were recorded in February 2026.',
    );
  });
});

describe('the LangChain adapter', () => {
  it('turns the registry into LangChain tools bound to one user, invoked without a model', async () => {
    const tools = finsightLangChainTools(database.db, alice.id);
    expect(tools.map((t) => t.name)).toEqual(finsightTools.map((t) => t.name));
    const income = JSON.parse(
      String(await tools.find((t) => t.name === 'get_income_vs_expense')?.invoke({ month })),
    );
    expect(income).toEqual(await getIncomeVsExpense(database.db, alice.id, month));
    const summary = JSON.parse(
      String(await tools.find((t) => t.name === 'summarize_month')?.invoke({ month })),
    );
    expect(summary.text).toContain('you earned');
    const bobs = finsightLangChainTools(database.db, bob.id);
    const empty = JSON.parse(
      String(await bobs.find((t) => t.name === 'get_income_vs_expense')?.invoke({ month })),
    );
    expect(empty.income).toBe('0.00');
    await expect(tools[0]?.invoke({ from: 'yesterday', to: 'today' })).rejects.toThrow();
  });

  it('describes each tool with the very schema the MCP server publishes: defaulted fields are optional', async () => {
    const server = createFinsightMcpServer((name, args) => runTool(database.db, alice.id, name, args));
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const client = new Client({ name: 'schema-check', version: '1.0.0' });
    await server.connect(serverSide);
    await client.connect(clientSide);
    const { tools: published } = await client.listTools();
    await client.close();
    const withoutDialect = ({ $schema: _, ...schema }: Record<string, unknown>) => schema;
    for (const langChainTool of finsightLangChainTools(database.db, alice.id)) {
      const mcp = published.find((tool) => tool.name === langChainTool.name);
      expect(mcp, langChainTool.name).toBeDefined();
      expect(
        withoutDialect(toJsonSchema(langChainTool.schema) as Record<string, unknown>),
        langChainTool.name,
      ).toEqual(withoutDialect(mcp?.inputSchema ?? {}));
    }
    const transactions = published.find((tool) => tool.name === 'get_transactions');
    expect(transactions?.inputSchema.required).toEqual(['from', 'to']);
  });
});
