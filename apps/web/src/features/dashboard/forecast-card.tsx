import { Money, useMoneyFormat } from '../../components/money';
import { ErrorState, Loading } from '../../components/states';
import { useLocale } from '../../lib/locale';
import { Link } from '../../lib/router';
import { type RouterOutputs, trpc } from '../../lib/trpc';
import { daysLeftText, monthEndText, shortDate } from './forecast-text';

type Part = RouterOutputs['forecast']['month']['expense'];

/** Recurring payments listed as coming up. */
const DUE_SHOWN = 4;

/** " (range $1,100.00–$1,350.00)", or nothing when the range is one number. */
function rangeText(part: Part, money: (amount: string) => string): string {
  return part.low === part.high ? '' : ` (range ${money(part.low)}–${money(part.high)})`;
}

/**
 * Where the current month is heading: the expected spending at its end with a range, the expected income,
 * what is safe to spend per day, and the recurring payments still due. Only for the current month: a past
 * month's totals above already say what it ended at.
 */
export function ForecastCard({ month }: { month: string }) {
  const forecast = trpc.forecast.month.useQuery({ month });
  const money = useMoneyFormat();
  const locale = useLocale();
  return (
    <section className="card forecast-card" aria-labelledby="forecast-title">
      <h2 id="forecast-title">Rest of the month</h2>
      {forecast.isPending ? (
        <Loading label="Looking ahead…" />
      ) : forecast.isError ? (
        <ErrorState error={forecast.error} retry={() => void forecast.refetch()} />
      ) : (
        <>
          <p className="forecast-lead">
            At this pace you will spend about <strong>{money(forecast.data.expense.expected)}</strong> by{' '}
            {monthEndText(forecast.data.month)}
            {rangeText(forecast.data.expense, money)}.
          </p>
          <dl className="forecast-facts">
            <div>
              <dt>Spent so far</dt>
              <dd>
                <Money amount={forecast.data.expense.booked} />
              </dd>
            </div>
            <div>
              <dt>Expected income</dt>
              <dd>
                <Money amount={forecast.data.income.expected} />
                {rangeText(forecast.data.income, money)}
              </dd>
            </div>
            <div>
              <dt>Safe to spend</dt>
              <dd>
                {forecast.data.daysLeft > 0 ? (
                  <>
                    <strong>
                      <Money amount={forecast.data.safeToSpendPerDay} />
                    </strong>{' '}
                    per day {daysLeftText(forecast.data.daysLeft)}
                  </>
                ) : (
                  <>
                    <strong>
                      <Money amount={forecast.data.safeToSpendPerDay} />
                    </strong>{' '}
                    today, the month’s last day
                  </>
                )}
              </dd>
            </div>
          </dl>
          <h3 className="forecast-due-title">Coming up</h3>
          {forecast.data.due.length === 0 ? (
            <p className="muted">No recurring payments are due for the rest of the month.</p>
          ) : (
            <ul className="due-list">
              {forecast.data.due.slice(0, DUE_SHOWN).map((due) => (
                <li key={`${due.key}-${due.date}`}>
                  <span className="due-date">{shortDate(due.date, locale)}</span>
                  <span className="due-payee">{due.payee}</span>
                  <span className={due.type === 'INCOME' ? 'due-amount income' : 'due-amount'}>
                    {due.type === 'INCOME' ? '+' : '−'}
                    <Money amount={due.amount} />
                  </span>
                </li>
              ))}
            </ul>
          )}
          <p className="forecast-more">
            <Link href="/recurring">Recurring payments</Link>
          </p>
        </>
      )}
    </section>
  );
}
