import { type ReactNode, useEffect, useId, useRef } from 'react';

/**
 * The transaction form where the user is: a native modal dialog over the page, wherever the row they edit
 * sits (focus is trapped in it and Escape closes it). Focus starts in the form's first field and goes back
 * to what opened the dialog (the row's Edit button, the New button) when it closes, or, when that is gone,
 * to the page's `[data-focus-fallback]` element.
 */
export function TransactionDialog({
  title,
  onClose,
  children,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    dialog
      .querySelector<HTMLElement>('[data-first-field], input:not([type="hidden"]), select, textarea')
      ?.focus();
    return () => {
      if (dialog.open) dialog.close();
      // The row edited may have left the page (another date, another order): then the list's heading.
      if (opener?.isConnected) opener.focus();
      else document.querySelector<HTMLElement>('[data-focus-fallback]')?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog transaction-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        // Escape: the page decides (it also takes `?new=1` out of the address).
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}
