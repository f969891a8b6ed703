import type { ReactNode } from 'react';
import { Money } from '../../components/money';

/** Spent, the limit and what is left (or "Over by"), and anything more a caller adds, as a description list. */
export function BudgetFigures({
  spent,
  limit,
  limitLabel,
  remaining,
  children,
}: {
  spent: string;
  limit: string;
  limitLabel: string;
  remaining: string;
  children?: ReactNode;
}) {
  const over = remaining.startsWith('-');
  return (
    <dl className="budget-figures">
      <div>
        <dt>Spent</dt>
        <dd>
          <Money amount={spent} />
        </dd>
      </div>
      <div>
        <dt>{limitLabel}</dt>
        <dd>
          <Money amount={limit} />
        </dd>
      </div>
      <div>
        <dt>{over ? 'Over by' : 'Left'}</dt>
        <dd>
          <Money amount={over ? remaining.slice(1) : remaining} className={over ? 'negative' : ''} />
        </dd>
      </div>
      {children}
    </dl>
  );
}
