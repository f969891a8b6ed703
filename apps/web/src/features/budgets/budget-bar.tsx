import { useMoneyFormat } from '../../components/money';
import { useLocale } from '../../lib/locale';
import type { BudgetState } from '../../lib/schemas';
import { barValue, STATUS_TEXT, type Usage, usageText } from './budget-text';

const ICONS: Record<BudgetState, string> = { ok: '✓', warning: '!', over: '✕' };

/** The status in words with an icon: never the colour alone. */
export function BudgetStatusTag({ status }: { status: BudgetState }) {
  return (
    <span className={`budget-status ${status}`}>
      <span className="budget-status-icon" aria-hidden="true">
        {ICONS[status]}
      </span>
      {STATUS_TEXT[status]}
    </span>
  );
}

/**
 * How much of a budget is used: a progress bar whose value and text say the same as the label beside it
 * ("82% of $485.20"), coloured by status.
 */
export function BudgetBar({
  line,
  label,
}: {
  line: Usage;
  /** The bar's accessible name, e.g. "Groceries budget used". */
  label: string;
}) {
  const money = useMoneyFormat();
  const locale = useLocale();
  const value = barValue(line);
  const usage = usageText(line, money, locale);
  return (
    <div className="budget-meter">
      <div
        className={`budget-bar ${line.status}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        aria-valuetext={`${usage}: ${STATUS_TEXT[line.status].toLowerCase()}`}
      >
        <span style={{ width: `${value}%` }} />
      </div>
      <span className="budget-usage">{usage}</span>
    </div>
  );
}
