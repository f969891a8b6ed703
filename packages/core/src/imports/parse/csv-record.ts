import { type Decimal, parseAmount } from './amounts';
import type { ColumnPlan } from './columns';
import { type DateFormat, parseDate } from './dates';
import { directionOf } from './direction';
import { type Money, moneyOf, type RecordValues } from './row';

// Opening and closing balances that some banks list among the transactions.
const BALANCE_LINE =
  /^(?:(?:beginning|opening|closing|ending|starting|previous|new) balance|balance (?:brought|carried) forward|(?:anfangs|end|alter|neuer)\s?saldo|(?:alter|neuer|aktueller)\s+kontostand|saldo|solde|kontostand)\b/i;
// All that may follow the label when the text is nothing but a balance: a date, "as of", punctuation.
const BALANCE_TAIL = /^[\s:.,/-]*(?:(?:as of|as at|per|am|zum|au)\b)?[\d\s:.,/-]*$/i;

/**
 * "Beginning balance as of 01/01/2025" with no amount (Bank of America), an "Endsaldo" row with no
 * counterparty (Volksbank), or a text that is only "Kontostand" or "Closing balance 30/04/2025" beside
 * the balance in the amount column: dated like a transaction, but not one.
 */
export function isBalanceLine(record: readonly string[], values: RecordValues): boolean {
  const text = (values.payee || values.note).trim();
  const label = BALANCE_LINE.exec(text);
  if (label && (values.money.kind === 'missing' || BALANCE_TAIL.test(text.slice(label[0].length)))) {
    return true;
  }
  return text === '' && record.some((cell) => BALANCE_LINE.test(cell.trim()));
}

/** One CSV record's values under the file's column plan, decimal separator and date layout. */
export class CsvRecordReader {
  constructor(
    private readonly plan: ColumnPlan & { date: number },
    private readonly decimal: Decimal,
    private readonly dateFormat: DateFormat,
  ) {}

  date(record: readonly string[]): string | null {
    return parseDate(record[this.plan.date] ?? '', this.dateFormat);
  }

  money(record: readonly string[]): Money {
    const { plan, decimal } = this;
    if (plan.amount !== undefined) {
      const text = record[plan.amount] ?? '';
      const reading = parseAmount(text, decimal);
      let negative = false;
      if (reading?.ok) {
        if (reading.signed) negative = reading.negative;
        else if (plan.type !== undefined) negative = directionOf(record[plan.type] ?? '') === 'EXPENSE';
      }
      return moneyOf(reading, text, negative);
    }
    const debitText = plan.debit === undefined ? '' : (record[plan.debit] ?? '');
    const creditText = plan.credit === undefined ? '' : (record[plan.credit] ?? '');
    const debit = parseAmount(debitText, decimal);
    const credit = parseAmount(creditText, decimal);
    if (debit && !debit.ok) return moneyOf(debit, debitText, true);
    if (credit && !credit.ok) return moneyOf(credit, creditText, false);
    if (debit === null && credit === null) return { kind: 'missing' };
    // The column says the direction, whatever the sign: banks write debits as "-45.20" or "45.20", and
    // card issuers write payments in the credit column as "-500.00".
    const net = (credit ? credit.cents : 0) - (debit ? debit.cents : 0);
    return { kind: 'ok', cents: Math.abs(net), negative: net < 0 };
  }

  values(record: readonly string[], line: number): RecordValues {
    const { plan } = this;
    const money = this.money(record);
    let payee = plan.payee === undefined ? '' : (record[plan.payee] ?? '');
    if (plan.payer !== undefined && money.kind === 'ok' && !money.negative) {
      payee = record[plan.payer]?.trim() || payee;
    }
    return {
      line,
      dateText: record[plan.date] ?? '',
      date: this.date(record),
      money,
      payee,
      note: plan.note === undefined ? '' : (record[plan.note] ?? ''),
      category: plan.category === undefined ? '' : (record[plan.category] ?? ''),
    };
  }
}
