import { useState } from 'react';
import { FormError } from '../../components/states';
import { messageOf } from '../../lib/errors';
import { Link } from '../../lib/router';
import { trpc } from '../../lib/trpc';

/** What an empty account sees: how to start, or a year of demo data to explore first. */
export function FirstRun() {
  const utils = trpc.useUtils();
  const [problem, setProblem] = useState<string | null>(null);
  const demo = trpc.demo.load.useMutation({
    onSuccess: () => utils.invalidate(),
    onError: (error) => setProblem(messageOf(error)),
  });
  return (
    <div className="page first-run">
      <h1>Welcome to finsight</h1>
      <p className="lead">Track what comes in and goes out, and see where your money goes each month.</p>
      <ol className="steps">
        <li>
          <strong>Create a few categories</strong> such as Salary, Rent and Groceries.{' '}
          <Link href="/categories">Categories</Link>
        </li>
        <li>
          <strong>Record your income and expenses</strong> as they happen.{' '}
          <Link href="/transactions?new=1">Add a transaction</Link>, or{' '}
          <Link href="/import">import a file from your bank</Link>.
        </li>
        <li>
          <strong>Come back to this dashboard</strong> for monthly totals, trends and warnings about unusual
          spending.
        </li>
      </ol>
      <div className="card demo">
        <h2>Just looking?</h2>
        <p>
          Load a year of realistic example transactions to see the dashboard at work. You can delete them
          later.
        </p>
        <FormError message={problem} />
        <button type="button" className="button" onClick={() => demo.mutate({})} disabled={demo.isPending}>
          {demo.isPending ? 'Loading demo data…' : 'Load demo data'}
        </button>
      </div>
    </div>
  );
}
