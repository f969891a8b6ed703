import { formatMonth, shiftMonth } from '../lib/format';
import { useLocale } from '../lib/locale';
import './month-picker.css';

export function MonthPicker({ month, onChange }: { month: string; onChange: (month: string) => void }) {
  const locale = useLocale();
  return (
    <fieldset className="month-picker">
      <legend className="visually-hidden">Month</legend>
      <button
        type="button"
        className="button secondary small month-step"
        onClick={() => onChange(shiftMonth(month, -1))}
        aria-label="Previous month"
      >
        ‹
      </button>
      <label className="visually-hidden" htmlFor="month-input">
        Month
      </label>
      <input
        id="month-input"
        type="month"
        value={month}
        onChange={(event) => event.target.value && onChange(event.target.value)}
      />
      <span className="visually-hidden" aria-live="polite">
        {formatMonth(month, locale)}
      </span>
      <button
        type="button"
        className="button secondary small month-step"
        onClick={() => onChange(shiftMonth(month, 1))}
        aria-label="Next month"
      >
        ›
      </button>
    </fieldset>
  );
}
