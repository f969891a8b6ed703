import { useEffect, useRef, useState } from 'react';
import { messageOf } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { useTransactionMutations } from './use-transaction-mutations';

export const UNDO_SECONDS = 8;

interface Pending {
  ids: number[];
  /** When the delete is sent (ms since the epoch). */
  until: number;
}

/**
 * Deleting several rows with a moment to change one's mind: the rows disappear at once, and the delete is
 * sent only when the undo time runs out — or at once when the page goes away (another page of the app), or
 * when another delete starts. Undo brings the rows back; nothing was sent.
 */
export function useUndoableDelete(onError: (message: string) => void) {
  const utils = trpc.useUtils();
  const { refresh } = useTransactionMutations();
  const [pending, setPending] = useState<Pending | null>(null);
  const [hidden, setHidden] = useState<ReadonlySet<number>>(new Set());
  const [now, setNow] = useState(() => Date.now());
  const pendingRef = useRef<Pending | null>(null);
  pendingRef.current = pending;
  // The timers outlive renders: they call the latest of these.
  const send = useRef<(ids: number[]) => void>(() => undefined);
  send.current = (ids: number[]) => {
    utils.client.transactions.bulk
      .mutate({ ids, action: 'delete' })
      .catch((error: unknown) => {
        setHidden((current) => new Set([...current].filter((id) => !ids.includes(id))));
        onError(`The transactions could not be deleted: ${messageOf(error)}`);
      })
      .finally(() => void refresh());
  };

  // The countdown, and the delete when it reaches zero.
  useEffect(() => {
    if (!pending) return;
    const tick = setInterval(() => setNow(Date.now()), 250);
    const timer = setTimeout(() => {
      setPending(null);
      send.current(pending.ids);
    }, pending.until - Date.now());
    return () => {
      clearInterval(tick);
      clearTimeout(timer);
    };
  }, [pending]);

  // Leaving the page sends what is waiting: the user saw the rows go.
  useEffect(
    () => () => {
      const waiting = pendingRef.current;
      if (waiting) send.current(waiting.ids);
    },
    [],
  );

  return {
    hidden,
    pending: pending
      ? { count: pending.ids.length, secondsLeft: Math.max(0, Math.ceil((pending.until - now) / 1000)) }
      : null,
    remove(ids: number[]) {
      const waiting = pendingRef.current;
      if (waiting) send.current(waiting.ids);
      setHidden((current) => new Set([...current, ...ids]));
      setNow(Date.now());
      setPending({ ids, until: Date.now() + UNDO_SECONDS * 1000 });
    },
    undo() {
      const waiting = pendingRef.current;
      if (!waiting) return;
      setPending(null);
      setHidden((current) => new Set([...current].filter((id) => !waiting.ids.includes(id))));
    },
  };
}
