import type { Transaction } from '@finsight/core/schemas';
import { describe, expect, it } from 'vitest';
import { TRANSACTION_JSON_LAYOUT, transactionJson, transactionJsonText } from './serializers';

const transaction = (note: string): Transaction => ({
  id: 42,
  categoryId: 7,
  categoryName: 'Food',
  type: 'EXPENSE',
  amount: '12.50',
  date: '2026-11-24',
  note,
  payee: `Payee of ${note}`,
  accountId: 3,
  transferId: null,
  createdAt: '2026-11-24T09:30:00.123456Z',
  updatedAt: '2026-11-24T09:30:00.123456Z',
});

describe('a transaction written straight to JSON text (streamed lists, exports)', () => {
  it.each([
    '',
    'Lunch',
    'He said "hi" \\ back',
    'line\nbreak\ttab',
    'emoji 👨‍👩‍👧 and ünïcödé',
    '\u2028\u2029',
  ])('is the REST shape, whatever the note: %j', (note) => {
    const text = transactionJsonText(transaction(note));
    expect(JSON.parse(text)).toEqual(transactionJson(transaction(note)));
    expect(Object.keys(JSON.parse(text))).toEqual(Object.keys(transactionJson(transaction(note))));
  });

  it('has the layout PostgreSQL writes a streamed list in: the same keys, in order, from the same fields', () => {
    const t = transaction('a "note"');
    const laidOut = Object.fromEntries(TRANSACTION_JSON_LAYOUT.map(([key, field]) => [key, t[field]]));
    expect(JSON.stringify(laidOut)).toBe(transactionJsonText(t));
  });
});
