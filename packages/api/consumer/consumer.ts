/**
 * What another TypeScript project writes against finsight. This file is type-checked by `tsc` in the test
 * run (src/typed-client.test.ts): the @ts-expect-error lines must stay errors, or the types have rotted.
 */
import { createFinsightClient, type RouterInputs, type RouterOutputs } from '@finsight/api';

export async function monthlyReport(url: string, email: string, password: string): Promise<string> {
  const finsight = createFinsightClient({ url });
  await finsight.login(email, password);

  const food = await finsight.api.categories.create.mutate({ name: 'Food' });
  const created: RouterOutputs['transactions']['create'] = await finsight.api.transactions.create.mutate({
    categoryId: food.id,
    type: 'EXPENSE',
    amount: '12.50',
    date: '2026-11-03',
  });
  const amount: string = created.amount;

  const filters: RouterInputs['transactions']['list'] = { type: 'EXPENSE', limit: 20 };
  const page = await finsight.api.transactions.list.query(filters);
  const summary = await finsight.api.insights.incomeVsExpense.query({ month: '2026-11' });

  const gift = { categoryId: food.id, type: 'GIFT', amount: '1', date: '2026-11-03' } as const;
  // @ts-expect-error: the type must be INCOME or EXPENSE
  await finsight.api.transactions.create.mutate(gift);

  // @ts-expect-error: categoryId is required
  await finsight.api.transactions.create.mutate({ type: 'EXPENSE', amount: '1', date: '2026-11-03' });

  // @ts-expect-error: there is no such procedure
  await finsight.api.transactions.explode.mutate();

  // @ts-expect-error: money comes back as a decimal string, never a number
  const asNumber: number = summary.income;

  return `${page.items.length} expenses, last ${amount}; savings ${summary.savings} ${asNumber}`;
}
