import { fieldError } from '../errors';

/** Where a page ended in the (date desc, id desc) order. Opaque to clients. */
export interface TransactionCursor {
  date: string;
  id: number;
}

export function encodeCursor(cursor: TransactionCursor): string {
  return Buffer.from(`${cursor.date}|${cursor.id}`).toString('base64url');
}

export function decodeCursor(value: string): TransactionCursor {
  const [date, id] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date) || !id || !/^\d{1,10}$/.test(id)) {
    throw fieldError('cursor', 'Invalid cursor.');
  }
  return { date, id: Number(id) };
}
