import { type ReactNode, useEffect } from 'react';
import { messageOf } from '../lib/errors';
import { errorShown } from '../lib/notice';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="state" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label}
    </p>
  );
}

/**
 * A failed load. "Try again" only where trying again can help: a refusal (a 4xx: the thing is not there,
 * or the request is wrong) stays a refusal however often it is asked.
 */
export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  const message = messageOf(error);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs each time a new message shows
  useEffect(() => {
    errorShown();
  }, [message]);
  return (
    <div className="state state-error" role="alert">
      <p>{message}</p>
      {retry && retryable(error) && (
        <button type="button" className="button secondary" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

function retryable(error: unknown): boolean {
  const status =
    (error as { data?: { httpStatus?: number } } | null)?.data?.httpStatus ??
    (error as { status?: number } | null)?.status ??
    0;
  return status === 0 || status >= 500 || status === 429 || status === 408;
}

/** `level` 2 where the state stands for a whole page's content (right under its h1), 3 inside a card. */
export function EmptyState({
  title,
  level = 3,
  children,
}: {
  title: string;
  level?: 2 | 3;
  children?: ReactNode;
}) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <div className="state state-empty">
      <Heading className="empty-heading">{title}</Heading>
      {children}
    </div>
  );
}

/** A form-level problem (the server's message), announced to screen readers as it appears. */
export function FormError({ message }: { message: string | null }) {
  // A success message shown before this problem is stale now (see lib/notice.ts).
  useEffect(() => {
    if (message) errorShown();
  }, [message]);
  if (!message) return null;
  return (
    <p className="form-error" role="alert">
      {message}
    </p>
  );
}

/**
 * A notice from the URL: the address asked for something that does not exist and the page shows a sane
 * default instead (see lib/url-state.ts). Says so, politely, in the page's flow.
 */
export function UrlNotice({ notice }: { notice: string | null }) {
  if (!notice) return null;
  return (
    <p className="url-notice" role="status">
      {notice}
    </p>
  );
}
