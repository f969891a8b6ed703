import { EmptyState, ErrorState, Loading } from '../../components/states';
import { Link } from '../../lib/router';
import { trpc } from '../../lib/trpc';
import { BudgetBar, BudgetStatusTag } from '../budgets/budget-bar';
import { byUsage } from '../budgets/budget-text';

/** Budgets shown on the dashboard: the fullest ones. */
const SHOWN = 4;

/** The month's fullest budgets with small bars, and the way to all of them (or to a first one). */
export function BudgetCard({ month, thisMonth }: { month: string; thisMonth: string }) {
  const status = trpc.budgets.status.useQuery({ month });
  const href = month === thisMonth ? '/budgets' : `/budgets?month=${month}`;
  const lines = status.data ? byUsage(status.data.budgets) : [];
  return (
    <section className="card budget-card" aria-labelledby="budget-card-title">
      <div className="card-title">
        <h2 id="budget-card-title">Budgets</h2>
        {lines.length > 0 && <Link href={href}>All budgets</Link>}
      </div>
      {status.isPending ? (
        <Loading />
      ) : status.isError ? (
        <ErrorState error={status.error} retry={() => void status.refetch()} />
      ) : lines.length === 0 ? (
        <EmptyState title="Set a budget">
          <p>Give a category a monthly limit and see here how much of it is left as you spend.</p>
          <Link href="/budgets?new=1" className="button secondary">
            Set a budget
          </Link>
        </EmptyState>
      ) : (
        <>
          <ul className="budget-mini">
            {lines.slice(0, SHOWN).map((line) => (
              <li key={line.budget}>
                <div className="budget-mini-head">
                  <span className="budget-mini-name">{line.category}</span>
                  <BudgetStatusTag status={line.status} />
                </div>
                <BudgetBar line={line} label={`${line.category} budget used`} />
              </li>
            ))}
          </ul>
          {lines.length > SHOWN && (
            <p className="muted">
              The {SHOWN} fullest of {lines.length} budgets. <Link href={href}>See them all</Link>
            </p>
          )}
        </>
      )}
    </section>
  );
}
