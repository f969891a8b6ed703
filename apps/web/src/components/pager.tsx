import { countOf } from '../lib/format';
import { formatCount } from '../lib/intl-formats';
import { useLocale } from '../lib/locale';

/** Previous / next over pages, with where the reader is ("Page 2 of 5 · 112 transactions"). */
export function Pager({
  pageNumber,
  pageSize,
  total,
  hasNext,
  onPrevious,
  onNext,
}: {
  pageNumber: number;
  pageSize: number;
  total: number;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
}) {
  const locale = useLocale();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="pager" aria-label="Pages">
      <button
        type="button"
        className="button secondary small"
        disabled={pageNumber === 1}
        onClick={onPrevious}
      >
        Previous
      </button>
      <span>
        Page {formatCount(pageNumber, locale)} of {formatCount(pages, locale)} ·{' '}
        {countOf(total, 'transaction', undefined, locale)}
      </span>
      <button type="button" className="button secondary small" disabled={!hasNext} onClick={onNext}>
        Next
      </button>
    </nav>
  );
}
