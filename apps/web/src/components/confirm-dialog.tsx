import { type ReactNode, type SyntheticEvent, useEffect, useId, useLayoutEffect, useRef } from 'react';

/**
 * A native modal dialog: focus is trapped and Escape cancels, for free. `message` says what will happen;
 * `children` holds any choice the action needs (where to move things first). The first control gets focus
 * when it opens: the choice if there is one, else Cancel, so Enter never destroys anything by accident.
 */
export function ConfirmDialog({
  open,
  title,
  message,
  confirmLabel,
  onConfirm,
  onCancel,
  children,
  confirmDisabled = false,
  danger = true,
}: {
  open: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  children?: ReactNode;
  /** While the action is running, or when it cannot run: the button stays, greyed. */
  confirmDisabled?: boolean;
  /** A destructive action (red button), the default; false for one that only changes things. */
  danger?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  // Several dialogs can share a page: each needs its own title and message ids.
  const titleId = useId();
  const messageId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  // Unmounted while open: closing it before it leaves the page gives focus back to what opened it.
  useLayoutEffect(
    () => () => {
      if (ref.current?.open) ref.current.close();
    },
    [],
  );
  // Cancel and Escape close the dialog natively, which puts focus back where it was; `onCancel` follows
  // from the close event.
  const cancel = (event?: SyntheticEvent) => {
    event?.preventDefault();
    ref.current?.close();
  };
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={messageId}
      onCancel={cancel}
      onClose={onCancel}
    >
      <h2 id={titleId}>{title}</h2>
      <p id={messageId}>{message}</p>
      {children}
      <div className="actions">
        <button type="button" className="button secondary" onClick={() => cancel()}>
          Cancel
        </button>
        <button
          type="button"
          className={danger ? 'button danger' : 'button'}
          onClick={onConfirm}
          disabled={confirmDisabled}
        >
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
