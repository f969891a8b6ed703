import { Money } from '../../components/money';
import { formatPercent, lastDayOf } from '../../lib/format';
import { Link } from '../../lib/router';
import type { RouterOutputs } from '../../lib/trpc';

type Breakdown = RouterOutputs['insights']['breakdown'];

export function BreakdownTable({ breakdown, locale }: { breakdown: Breakdown; locale: string }) {
  const month = breakdown.month;
  return (
    <table className="breakdown">
      <caption className="visually-hidden">Expenses by category</caption>
      <thead>
        <tr>
          <th scope="col">Category</th>
          <th scope="col" className="num">
            Spent
          </th>
          <th scope="col" className="share-col">
            Share
          </th>
        </tr>
      </thead>
      <tbody>
        {breakdown.categories.map((row) => (
          <tr key={row.categoryId}>
            <th scope="row">
              <Link
                href={`/transactions?category=${row.categoryId}&from=${month}-01&to=${lastDayOf(month)}&type=EXPENSE`}
              >
                {row.category}
              </Link>
            </th>
            <td className="num">
              <Money amount={row.total} />
            </td>
            <td className="share-col">
              <span className="share-value">{formatPercent(row.share, locale)}</span>
              <span className="share-bar" aria-hidden="true">
                <span style={{ width: `${Math.max(row.share, 1)}%` }} />
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
