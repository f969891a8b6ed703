import { ACCOUNT_KINDS, CATEGORY_SOURCES, TRANSACTION_TYPES } from '@finsight/core/schemas';
import { z } from 'zod';
import { transactionResource } from './resources';
import { verbatim } from './wire-strings';

/** What the accounts, transfers, rules and imports endpoints answer, in snake_case. */
const money = verbatim(
  z.string().meta({ description: 'A decimal string with two decimals', examples: ['12.50'] }),
);
/** Nullable fields stay plain strings: fast-json-stringify writes its verbatim format only for `type: string`. */
const nullableDate = z
  .string()
  .nullable()
  .meta({ description: 'YYYY-MM-DD, or null', examples: ['2026-11-24'] });
const nullableMoney = z
  .string()
  .nullable()
  .meta({ description: 'A decimal string, or null', examples: ['12.50'] });
const timestamp = verbatim(
  z.string().meta({ description: 'ISO 8601, UTC', examples: ['2026-11-24T09:30:00.123456Z'] }),
);

export const accountResource = z
  .object({
    id: z.number().int(),
    name: z.string(),
    kind: verbatim(z.enum(ACCOUNT_KINDS)),
    opening_balance: money,
    opening_date: nullableDate,
    archived: z.boolean(),
    is_default: z.boolean().meta({ description: 'Takes the transactions that name no account' }),
    balance: money.meta({ description: 'Opening balance plus every transaction (up to `date` when asked)' }),
    transaction_count: z.number().int(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({
    id: 'Account',
    examples: [
      {
        id: 1,
        name: 'Main account',
        kind: 'CHECKING',
        opening_balance: '0.00',
        opening_date: null,
        archived: false,
        is_default: true,
        balance: '2318.40',
        transaction_count: 214,
        created_at: '2026-01-03T10:00:00.000000Z',
        updated_at: '2026-01-03T10:00:00.000000Z',
      },
    ],
  });

export const balancesResource = z
  .object({
    date: nullableDate.meta({ description: 'The day asked for; null means now' }),
    accounts: z.array(z.object({ account_id: z.number().int(), name: z.string(), balance: money })),
    total: money.meta({ description: 'The sum over the accounts that are not archived' }),
  })
  .meta({
    id: 'Balances',
    examples: [
      {
        date: null,
        accounts: [
          { account_id: 1, name: 'Main account', balance: '2318.40' },
          { account_id: 2, name: 'Visa card', balance: '-412.10' },
        ],
        total: '1906.30',
      },
    ],
  });

const TRANSFER_SIDE = {
  id: 57,
  category: null,
  type: 'EXPENSE',
  amount: '500.00',
  date: '2026-11-24',
  note: 'Savings',
  created_at: '2026-11-24T09:30:00.123456Z',
  account: 1,
  payee: '',
  transfer: 58,
};

export const transferResource = z.object({ from: transactionResource, to: transactionResource }).meta({
  id: 'Transfer',
  description: 'The two linked sides: an expense in one account, an income in the other',
  examples: [
    { from: TRANSFER_SIDE, to: { ...TRANSFER_SIDE, id: 58, type: 'INCOME', account: 2, transfer: 57 } },
  ],
});

const condition = z.object({
  field: z.enum(['payee', 'note']),
  operator: z.enum(['contains', 'equals', 'matches']),
  value: z.string(),
});

export const ruleResource = z
  .object({
    id: z.number().int(),
    name: z.string(),
    position: z.number().int(),
    conditions: z.array(condition),
    amount_min: money.optional(),
    amount_max: money.optional(),
    type: verbatim(z.enum(TRANSACTION_TYPES)).optional(),
    account: z.number().int().optional(),
    actions: z.object({
      category: z.number().int().optional(),
      rename_payee: z.string().optional(),
      append_note: z.string().optional(),
    }),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({
    id: 'Rule',
    examples: [
      {
        id: 3,
        name: 'Amazon',
        position: 0,
        conditions: [{ field: 'payee', operator: 'matches', value: 'AMZN MKTP*' }],
        actions: { category: 4, rename_payee: 'Amazon' },
        created_at: '2026-11-24T09:30:00.123456Z',
        updated_at: '2026-11-24T09:30:00.123456Z',
      },
    ],
  });

export const ruleApplicationResource = z
  .object({
    matched: z.number().int().meta({ description: 'Transactions the conditions match' }),
    changed: z
      .number()
      .int()
      .meta({ description: 'Of those, the ones the actions change (or would, on a dry run)' }),
    dry_run: z.boolean(),
  })
  .meta({ id: 'RuleApplication', examples: [{ matched: 42, changed: 40, dry_run: true }] });

const column = z.union([z.string(), z.number().int()]).meta({ description: 'Header name, or 0-based index' });

export const importPreviewResource = z
  .object({
    format: z.enum(['csv', 'ofx', 'qif']),
    account: z.number().int(),
    detected: z.object({
      delimiter: z.string().nullable(),
      encoding: z.string(),
      header_row: z
        .number()
        .int()
        .nullable()
        .meta({ description: '1-based line of the header; null without one' }),
      date_format: z.string(),
      decimal: z.string(),
      columns: z.object({
        date: column.nullable(),
        amount: column.optional(),
        debit: column.optional(),
        credit: column.optional(),
        type: column.optional(),
        payee: column.optional(),
        note: column.optional(),
        category: column.optional(),
      }),
      headers: z.array(z.string()).nullable().meta({
        description:
          'The header’s names in column order (what the column overrides may name); null without one',
      }),
      column_count: z
        .number()
        .int()
        .nullable()
        .meta({ description: 'Columns in the table; null for OFX and QIF' }),
    }),
    rows: z.array(
      z.object({
        line: z.number().int(),
        date: nullableDate,
        type: z.enum(TRANSACTION_TYPES).nullable(),
        amount: nullableMoney,
        payee: z.string(),
        note: z.string(),
        category: z.string().nullable(),
        category_source: z.enum(CATEGORY_SOURCES).nullable(),
        duplicate_of: z.number().int().nullable().meta({ description: 'The transaction this row repeats' }),
        error: z.string().nullable(),
      }),
    ),
    summary: z.object({
      rows: z.number().int(),
      valid: z.number().int(),
      errors: z.number().int(),
      duplicates: z.number().int(),
      income: money,
      expense: money,
      first_date: nullableDate,
      last_date: nullableDate,
    }),
  })
  .meta({
    id: 'ImportPreview',
    examples: [
      {
        format: 'csv',
        account: 1,
        detected: {
          delimiter: ';',
          encoding: 'windows-1252',
          header_row: 4,
          date_format: 'DD.MM.YYYY',
          decimal: ',',
          columns: {
            date: 'Buchungstag',
            amount: 'Betrag (EUR)',
            payee: 'Auftraggeber / Empfänger',
            note: 'Verwendungszweck',
          },
          headers: ['Buchungstag', 'Auftraggeber / Empfänger', 'Verwendungszweck', 'Betrag (EUR)'],
          column_count: 4,
        },
        rows: [
          {
            line: 5,
            date: '2026-03-03',
            type: 'EXPENSE',
            amount: '54.20',
            payee: 'REWE Markt 0815',
            note: 'Einkauf',
            category: 'Groceries',
            category_source: 'learned',
            duplicate_of: null,
            error: null,
          },
        ],
        summary: {
          rows: 1,
          valid: 1,
          errors: 0,
          duplicates: 0,
          income: '0.00',
          expense: '54.20',
          first_date: '2026-03-03',
          last_date: '2026-03-03',
        },
      },
    ],
  });

export const importResultResource = z
  .object({
    id: z.number().int(),
    imported: z.number().int(),
    duplicates_skipped: z.number().int(),
    errors: z.number().int(),
    categories_created: z.number().int(),
  })
  .meta({
    id: 'ImportResult',
    examples: [{ id: 7, imported: 212, duplicates_skipped: 3, errors: 0, categories_created: 2 }],
  });

export const importRecordResource = importResultResource
  .extend({
    account: z.number().int(),
    format: z.string(),
    file_name: z.string(),
    first_date: nullableDate,
    last_date: nullableDate,
    created_at: timestamp,
  })
  .meta({
    id: 'Import',
    examples: [
      {
        id: 7,
        imported: 212,
        duplicates_skipped: 3,
        errors: 0,
        categories_created: 2,
        account: 1,
        format: 'csv',
        file_name: 'march.csv',
        first_date: '2026-03-01',
        last_date: '2026-03-31',
        created_at: '2026-04-01T08:00:00.000000Z',
      },
    ],
  });

export const importUndoneResource = z
  .object({ removed: z.number().int().meta({ description: 'Transactions taken away' }) })
  .meta({ id: 'ImportUndone', examples: [{ removed: 212 }] });

export const exportFileResource = z.string().meta({
  id: 'ExportFile',
  description: 'CSV (`Date,Payee,Note,Category,Amount`) or OFX 2.2, by `format`',
  examples: ['Date,Payee,Note,Category,Amount\r\n2026-11-24,Corner Café,Lunch,Food,-12.50\r\n'],
});
