import { fieldError } from '../errors';
import { isoDate } from '../validation/dates';
import { MAX_ID } from '../validation/ids';

/** Where a page ended in the (date desc, id desc) order. Opaque to clients. */
export interface TransactionCursor {
  date: string;
  id: number;
}

export function encodeCursor(cursor: TransactionCursor): string {
  return Buffer.from(`${cursor.date}|${cursor.id}`).toString('base64url');
}

/**
 * A cursor from a client, checked as strictly as the values it stands for: a real calendar date and an id
 * in range. One that decodes but names `2026-13-45` is refused here, rather than by the database.
 */
export function decodeCursor(value: string): TransactionCursor {
  const [date, id, ...rest] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  const number = Number(id);
  const valid =
    rest.length === 0 &&
    isoDate.safeParse(date).success &&
    /^\d{1,10}$/.test(id ?? '') &&
    number >= 1 &&
    number <= MAX_ID;
  if (!valid || date === undefined) throw fieldError('cursor', 'Invalid cursor.');
  return { date, id: number };
}
