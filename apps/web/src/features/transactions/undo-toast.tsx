import { countOf } from '../../lib/format';
import { useLocale } from '../../lib/locale';
import { UNDO_SECONDS } from './use-undoable-delete';

/**
 * "3 transactions deleted. Undo", with the seconds left before the delete is sent. The region is always in
 * the page, so screen readers announce the message when it appears (the countdown itself is not read out).
 */
export function UndoToast({
  pending,
  onUndo,
}: {
  pending: { count: number; secondsLeft: number } | null;
  onUndo: () => void;
}) {
  const locale = useLocale();
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {pending && (
        <div className="toast">
          <span>{countOf(pending.count, 'transaction', undefined, locale)} deleted.</span>
          <button type="button" className="button secondary small" onClick={onUndo}>
            Undo
          </button>
          <span className="toast-countdown" aria-hidden="true">
            <span className="toast-seconds">{pending.secondsLeft} s</span>
            <span className="toast-bar" style={{ width: `${(100 * pending.secondsLeft) / UNDO_SECONDS}%` }} />
          </span>
        </div>
      )}
    </div>
  );
}
