/** Previous / next over keyset pages, with where the reader is. */
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
        Page {pageNumber} of {Math.max(1, Math.ceil(total / pageSize))} · {total} transactions
      </span>
      <button type="button" className="button secondary small" disabled={!hasNext} onClick={onNext}>
        Next
      </button>
    </nav>
  );
}
