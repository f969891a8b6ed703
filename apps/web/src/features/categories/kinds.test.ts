import { describe, expect, it } from 'vitest';
import { kindFromChoice, kindLabel } from './kinds';

describe('category kinds', () => {
  it('names kinds in words and reads the select’s choice', () => {
    expect([kindLabel('INCOME'), kindLabel('EXPENSE'), kindLabel(null)]).toEqual([
      'Income',
      'Expenses',
      'Income and expenses',
    ]);
    expect([kindFromChoice('INCOME'), kindFromChoice('EXPENSE'), kindFromChoice('')]).toEqual([
      'INCOME',
      'EXPENSE',
      null,
    ]);
  });
});
