import { readFileSync } from 'node:fs';
import type { ParsedRow } from './types';

/** The bytes of a fixture under ./fixtures, exactly as a bank would hand them over. */
export function fixture(name: string): Uint8Array {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
}

/** "2025-01-15 -45.20": a row's date and signed amount, the two things every bank test checks. */
export function dated(row: ParsedRow): string {
  const sign = row.type === 'EXPENSE' ? '-' : '';
  return `${row.date} ${row.amount === null ? 'null' : sign + row.amount}`;
}

export function bytesOf(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
