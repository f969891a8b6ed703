/**
 * What another TypeScript project writes against finsight, as a file of its own. The client's tests copy
 * this folder into an empty project outside the repository, install the packed @finsight/client there with
 * npm, type-check it (moduleResolution nodenext and bundler; every @ts-expect-error must stay an error, or
 * the types have rotted into `any`), compile it and run it with plain node against a live server.
 *
 *   node consumer.js <server url>   prints what it did as JSON
 */
import { createFinsightClient, type RouterInputs, type RouterOutputs } from '@finsight/client';

type Transaction = RouterOutputs['transactions']['byId'];

export async function tryFinsight(url: string) {
  const finsight = createFinsightClient({ url });
  const stamp = Date.now();
  const email = `consumer.${stamp}@example.com`;
  const password = 'violet-harbour-42';

  const profile = await finsight.api.auth.register.mutate({ username: `consumer_${stamp}`, email, password });
  const user = await finsight.login(email, password);

  const food = await finsight.api.categories.create.mutate({ name: 'Food' });
  const created: Transaction = await finsight.api.transactions.create.mutate({
    categoryId: food.id,
    type: 'EXPENSE',
    amount: '12.50',
    date: '2026-11-03',
  });
  // A retried create with the same idempotency key is still one transaction.
  const coffee = { categoryId: food.id, type: 'INCOME', amount: '3.20', date: '2026-11-04' } as const;
  const context = { idempotencyKey: `coffee-${Date.now()}` };
  const once = await finsight.api.transactions.create.mutate(coffee, { context });
  const again = await finsight.api.transactions.create.mutate(coffee, { context });
  const filters: RouterInputs['transactions']['list'] = { type: 'EXPENSE', limit: 20 };
  const page = await finsight.api.transactions.list.query(filters);
  const month = await finsight.api.insights.incomeVsExpense.query({ month: '2026-11' });
  const amount: string = created.amount;

  return {
    registered: profile.username,
    loggedIn: user.email,
    category: food.name,
    created: amount,
    listed: page.items.map((t) => ({ amount: t.amount, category: t.categoryName })),
    expense: month.expense,
    createdOnce: once.id === again.id,
  };
}

/** Never called: each line must be a type error. */
export async function wrongUses(finsight: ReturnType<typeof createFinsightClient>) {
  const gift = { categoryId: 1, type: 'GIFT', amount: '1', date: '2026-11-03' } as const;
  // @ts-expect-error: the type must be INCOME or EXPENSE
  await finsight.api.transactions.create.mutate(gift);

  // @ts-expect-error: categoryId is required
  await finsight.api.transactions.create.mutate({ type: 'EXPENSE', amount: '1', date: '2026-11-03' });

  // @ts-expect-error: there is no such procedure
  await finsight.api.transactions.explode.mutate();

  const summary = await finsight.api.insights.incomeVsExpense.query({ month: '2026-11' });
  // @ts-expect-error: money comes back as a decimal string, never a number
  const asNumber: number = summary.income;
  return asNumber;
}

const url = process.argv[2];
if (url) console.log(JSON.stringify(await tryFinsight(url)));
