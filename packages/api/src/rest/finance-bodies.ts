import {
  applyRuleInput,
  createAccountInput,
  createRuleInput,
  createTransferInput,
  DATE_FORMATS,
  IMPORT_DELIMITERS,
  importOptions,
  isoDate,
  RULE_MAX_CONDITIONS,
  ruleActions,
  ruleCondition,
  updateAccountInput,
} from '@finsight/core/schemas';
import { z } from 'zod';
import { restIdOf } from './schemas';

/**
 * Request bodies and queries of the accounts, transfers, rules and imports endpoints, in the documented
 * framework's snake_case. Each field is the core schema's own, renamed only; the handler hands the core
 * service the same values under its names.
 */
const account = createAccountInput.shape;

export const accountBody = z
  .strictObject({
    name: account.name,
    kind: account.kind,
    opening_balance: account.openingBalance,
    opening_date: account.openingDate,
    archived: account.archived,
  })
  .meta({
    examples: [
      { name: 'Visa card', kind: 'CREDIT_CARD', opening_balance: '-320.00', opening_date: '2026-01-01' },
    ],
  });

const accountUpdate = updateAccountInput.shape;

/** PUT takes what a GET gave back (a GET-modify-PUT round trip): `is_default` included. */
export const accountPutBody = accountBody.extend({ is_default: accountUpdate.isDefault }).meta({
  examples: [{ name: 'Visa card', kind: 'CREDIT_CARD', opening_balance: '-320.00', is_default: false }],
});
export const accountPatchBody = z
  .strictObject({
    name: accountUpdate.name,
    kind: accountUpdate.kind,
    opening_balance: accountUpdate.openingBalance,
    opening_date: accountUpdate.openingDate,
    archived: accountUpdate.archived,
    is_default: accountUpdate.isDefault,
  })
  .meta({ examples: [{ archived: true }] });

export const balancesQuery = z.object({
  date: isoDate
    .optional()
    .meta({ description: 'Balances at the end of this day, YYYY-MM-DD; now when omitted' }),
});

const transfer = createTransferInput.shape;
export const transferBody = z
  .strictObject({
    from_account: restIdOf('The account the money leaves'),
    to_account: restIdOf('The account the money arrives in'),
    amount: transfer.amount,
    date: transfer.date,
    note: transfer.note,
  })
  .meta({
    examples: [{ from_account: 1, to_account: 2, amount: '500.00', date: '2026-11-24', note: 'Savings' }],
  });

const rule = createRuleInput.shape;
const actions = ruleActions.shape;
export const ruleBody = z
  .strictObject({
    name: rule.name,
    position: rule.position,
    conditions: z.array(ruleCondition).max(RULE_MAX_CONDITIONS).default([]),
    amount_min: rule.amountMin,
    amount_max: rule.amountMax,
    type: rule.type,
    account: restIdOf('Only transactions in this account').optional(),
    actions: z.strictObject({
      category: restIdOf('Set this category').optional(),
      rename_payee: actions.renamePayee,
      append_note: actions.appendNote,
    }),
  })
  .meta({
    examples: [
      {
        name: 'Amazon',
        conditions: [{ field: 'payee', operator: 'matches', value: 'AMZN MKTP*' }],
        actions: { category: 3, rename_payee: 'Amazon' },
      },
    ],
  });
export const rulePatchBody = ruleBody.partial().meta({ examples: [{ position: 2 }] });

export const ruleApplyBody = z
  .strictObject({ dry_run: applyRuleInput.shape.dryRun.meta({ description: 'Count only; change nothing' }) })
  .meta({ examples: [{ dry_run: true }] });

/** A yes/no written in a URL. */
const flag = (description: string) =>
  z
    .enum(['true', 'false', '1', '0'], { error: 'Use true or false.' })
    .transform((text) => text === 'true' || text === '1')
    .optional()
    .meta({ description });

const options = importOptions.shape;
const column = (what: string) =>
  options.dateColumn.meta({ description: `The ${what} column: its header name, or its 0-based index` });

/** Every guess of the importer can be overridden here; the file is the raw request body. */
export const importPreviewQuery = z.object({
  account: restIdOf('The account to import into; your default account when omitted').optional(),
  date_column: column('date'),
  amount_column: column('signed amount'),
  debit_column: column('money-out'),
  credit_column: column('money-in'),
  type_column: column('direction (Debit/Credit, DR/CR, Af/Bij, S/H)'),
  payee_column: column('payee'),
  note_column: column('note (description, memo)'),
  category_column: column('category'),
  date_format: z.enum(DATE_FORMATS).optional().meta({ description: 'How dates are written' }),
  decimal: z.enum(['.', ',']).optional().meta({ description: 'The decimal separator' }),
  delimiter: z
    .enum(IMPORT_DELIMITERS)
    .optional()
    .meta({ description: 'The column separator (`tab` for a tab)' }),
  encoding: options.encoding.meta({ description: 'utf-8, utf-16le, utf-16be, windows-1252, latin1…' }),
  skip_rows: z
    .string()
    .regex(/^\d{1,4}$/, { error: 'A valid integer is required.' })
    .transform(Number)
    .pipe(z.number().max(1000))
    .optional()
    .meta({ type: 'integer', description: 'Lines to drop before the header or first row' }),
  invert: flag('Flip every sign (card exports that write purchases as positive amounts)'),
  file_name: options.fileName.meta({ description: 'Shown in the import history' }),
  preview_rows: z
    .string()
    .regex(/^\d{1,6}$/, { error: 'A valid integer is required.' })
    .transform(Number)
    .pipe(z.number().max(200_000))
    .optional()
    .meta({
      type: 'integer',
      description: 'Rows in the answer (all when omitted); the summary counts them all',
    }),
});

export const importQuery = importPreviewQuery.omit({ preview_rows: true }).extend({
  skip_duplicates: flag('Leave out rows the account already has (default true)'),
  create_categories: flag('Create the categories the file names that you lack (default true)'),
  skip_errors: flag('Import the readable rows even when some are not (default false: all or nothing)'),
});
