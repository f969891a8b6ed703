import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBankFile } from './parse';

/**
 * The blind corpus: bank exports written from the banks' published formats by someone who had not seen
 * the detector, with the expected rows (corpus/README.md). With zero configuration, the detector must get
 * the row count, every date and every signed amount right for at least 90 % of the files.
 */
const directory = join(import.meta.dirname, 'corpus');
const expected = JSON.parse(readFileSync(join(directory, 'expected.json'), 'utf8')) as Record<
  string,
  { rows: number; transactions: { date: string; amount: string }[] }
>;

function readWithZeroConfiguration(name: string): { date: string | null; amount: string }[] | string {
  try {
    const parsed = parseBankFile(new Uint8Array(readFileSync(join(directory, name))));
    return parsed.rows.map((row) => ({
      date: row.date,
      amount:
        row.amount === null ? `error: ${row.error}` : `${row.type === 'EXPENSE' ? '-' : ''}${row.amount}`,
    }));
  } catch (error) {
    return String(error);
  }
}

describe('zero-configuration detection on the blind corpus', () => {
  const names = readdirSync(directory).filter((name) => name in expected);
  const results = names.map((name) => {
    const got = readWithZeroConfiguration(name);
    const want = expected[name]?.transactions ?? [];
    return { name, got, correct: typeof got !== 'string' && JSON.stringify(got) === JSON.stringify(want) };
  });

  it('has a file for every expected result', () => {
    expect(names.sort()).toEqual(Object.keys(expected).sort());
  });

  it('reads at least 90 % of the files exactly (row count, dates, signed amounts)', () => {
    const wrong = results.filter((result) => !result.correct);
    if (wrong.length > 0) {
      console.info(
        `Corpus files read differently from the expected rows: ${wrong.map((w) => w.name).join(', ')}`,
      );
    }
    console.info(`Corpus: ${results.length - wrong.length} of ${results.length} files read exactly.`);
    expect((results.length - wrong.length) / results.length).toBeGreaterThanOrEqual(0.9);
  });
});
