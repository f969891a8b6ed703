import { describe, expect, it } from 'vitest';
import {
  categoriesFor,
  counterText,
  defaultEntryDate,
  draftOf,
  nextDraft,
  noteTooLong,
  readEntryAmount,
} from './transaction-draft';

describe('draftOf', () => {
  it('shows an existing amount the way the locale writes it', () => {
    const draft = draftOf('2026-12-02', 'de-DE', {
      type: 'EXPENSE',
      transferId: null,
      accountId: 1,
      categoryId: 4,
      payee: 'REWE',
      amount: '1234.50',
      date: '2026-03-05',
      note: '',
    });
    expect(draft).toMatchObject({ kind: 'EXPENSE', amount: '1234,50', categoryId: '4', accountId: '1' });
  });

  it('starts a new entry on the preset date, or today', () => {
    expect(draftOf('2026-12-02', 'en-US', undefined, { date: '2026-03-31' }).date).toBe('2026-03-31');
    expect(draftOf('2026-12-02', 'en-US').date).toBe('2026-12-02');
  });
});

describe('nextDraft', () => {
  it('keeps type, accounts, date and category, and clears the rest', () => {
    const saved = {
      kind: 'INCOME' as const,
      accountId: '2',
      toAccountId: '',
      categoryId: '5',
      payee: 'Employer',
      amount: '3000',
      date: '2026-03-31',
      note: 'March',
    };
    expect(nextDraft(saved)).toEqual({ ...saved, payee: '', amount: '', note: '' });
  });
});

describe('defaultEntryDate', () => {
  it('is the last day of a past range, else today', () => {
    expect(defaultEntryDate('2026-12-02', { from: '2026-03-01', to: '2026-03-31' })).toBe('2026-03-31');
    expect(defaultEntryDate('2026-12-02', { from: '2026-12-01', to: '2026-12-31' })).toBe('2026-12-02');
    expect(defaultEntryDate('2026-12-02', {})).toBe('2026-12-02');
  });
});

describe('categoriesFor', () => {
  it('offers the categories of the type and those for either', () => {
    const categories = [
      { id: 1, kind: 'EXPENSE' as const },
      { id: 2, kind: 'INCOME' as const },
      { id: 3, kind: null },
    ];
    expect(categoriesFor(categories, 'INCOME').map((category) => category.id)).toEqual([2, 3]);
    expect(categoriesFor(categories, 'EXPENSE').map((category) => category.id)).toEqual([1, 3]);
  });
});

describe('readEntryAmount', () => {
  it('reads the locale’s amounts and says what to type otherwise', () => {
    expect(readEntryAmount('12,50', 'de-DE')).toEqual({ ok: true, value: '12.50' });
    expect(readEntryAmount('1.234,50', 'de-DE')).toEqual({ ok: true, value: '1234.50' });
    expect(readEntryAmount('', 'de-DE')).toEqual({ ok: false, message: 'Enter an amount.' });
    expect(readEntryAmount('zwölf', 'de-DE')).toEqual({
      ok: false,
      message: 'Enter the amount as a number with at most two decimals, such as 1234,50.',
    });
  });
});

describe('the note’s limit', () => {
  it('counts in the locale and says how much to cut', () => {
    expect(counterText(812, 1000, 'en-US')).toBe('812 / 1,000');
    expect(noteTooLong(1000, 1000, 'en-US')).toBeNull();
    expect(noteTooLong(1012, 1000, 'en-US')).toBe(
      'This note is 12 characters too long. Shorten it to 1,000 characters or fewer to save.',
    );
  });
});
