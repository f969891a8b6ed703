import { describe, expect, it } from 'vitest';
import { exportPath } from './export-path';

describe('exportPath', () => {
  it('maps the list filters onto the export endpoint’s names', () => {
    expect(
      exportPath('ofx', {
        from: '2026-10-01',
        to: '2026-10-31',
        type: 'EXPENSE',
        categoryId: 3,
        accountId: 2,
        search: 'rewe markt',
      }),
    ).toBe(
      '/api/finance/transactions/export/?format=ofx&start=2026-10-01&end=2026-10-31&type=EXPENSE&category=3&account=2&search=rewe+markt',
    );
    expect(exportPath('csv', {})).toBe('/api/finance/transactions/export/?format=csv');
  });
});
