import type { ColumnPlan } from './columns';
import { ImportFileError } from './errors';
import type { ParseOptions } from './types';

const OVERRIDES = [
  ['dateColumn', 'date'],
  ['amountColumn', 'amount'],
  ['debitColumn', 'debit'],
  ['creditColumn', 'credit'],
  ['typeColumn', 'type'],
  ['payeeColumn', 'payee'],
  ['noteColumn', 'note'],
  ['categoryColumn', 'category'],
] as const satisfies readonly (readonly [keyof ParseOptions, keyof ColumnPlan])[];

function missingColumn(name: string, header: readonly string[] | null, width: number): ImportFileError {
  if (!header) {
    return new ImportFileError(
      `There is no column "${name}": the file has no header row, so its columns are numbered 0 to ${width - 1}.`,
    );
  }
  const names = header.map((cell) => `"${cell.trim()}"`).join(', ');
  return new ImportFileError(`There is no column "${name}". The columns are: ${names}.`);
}

/** A header name (any case) or a 0-based index written as digits, checked against the file. */
function resolveColumn(name: string, header: readonly string[] | null, width: number): number {
  const wanted = name.trim().toLowerCase();
  const byName = header?.findIndex((cell) => cell.trim().toLowerCase() === wanted) ?? -1;
  if (byName >= 0) return byName;
  if (/^\d+$/.test(wanted) && Number(wanted) < width) return Number(wanted);
  throw missingColumn(name, header, width);
}

/**
 * The guessed plan with every column the user named put in its place. Naming an amount column drops the
 * guessed debit/credit pair and the other way round, and a column named for one role leaves the others.
 */
export function applyColumnOverrides(
  guessed: ColumnPlan,
  options: ParseOptions,
  header: readonly string[] | null,
  width: number,
): ColumnPlan {
  const plan: ColumnPlan = { ...guessed };
  const forced = new Map<keyof ColumnPlan, number>();
  for (const [option, role] of OVERRIDES) {
    const name = options[option];
    if (name !== undefined && name !== '') forced.set(role, resolveColumn(name, header, width));
  }
  if (forced.size === 0) return plan;
  if (forced.has('amount')) {
    plan.debit = undefined;
    plan.credit = undefined;
  }
  if (forced.has('debit') || forced.has('credit')) plan.amount = undefined;
  if (forced.has('payee')) plan.payer = undefined;
  const used = new Set(forced.values());
  for (const role of Object.keys(plan) as (keyof ColumnPlan)[]) {
    const index = plan[role];
    if (index !== undefined && index !== null && used.has(index) && !forced.has(role)) {
      if (role === 'date') plan.date = null;
      else plan[role] = undefined;
    }
  }
  for (const [role, index] of forced) plan[role] = index;
  return plan;
}
