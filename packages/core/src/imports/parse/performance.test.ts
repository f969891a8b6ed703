import { expect, it } from 'vitest';
import { parseBankFile } from './index';
import { bytesOf } from './test-fixtures';

it('parses a 100,000-row statement of about 8 MB (time printed, not asserted)', () => {
  const lines = ['Date,Description,Amount,Balance'];
  for (let index = 0; index < 100_000; index++) {
    const date = `${String(1 + (index % 12)).padStart(2, '0')}/${String(1 + (index % 28)).padStart(2, '0')}/2024`;
    const cents = String(index % 100).padStart(2, '0');
    lines.push(
      `${date},"CARD PURCHASE ${index} WOOLWORTHS SYDNEY, NSW REF ${index * 7}",-${(index % 997) + 1}.${cents},"${index}.00"`,
    );
  }
  const bytes = bytesOf(lines.join('\n'));
  const started = performance.now();
  const { rows } = parseBankFile(bytes);
  const elapsed = performance.now() - started;
  console.log(
    `parsed ${rows.length} rows (${(bytes.length / 1024 / 1024).toFixed(1)} MB) in ${elapsed.toFixed(0)} ms`,
  );
  expect(rows).toHaveLength(100_000);
  expect(rows.every((row) => row.error === null)).toBe(true);
});
