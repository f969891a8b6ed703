import { z } from 'zod';

export const MONEY_MAX_INTEGER_DIGITS = 12;
export const MONEY_DECIMAL_PLACES = 2;

const DECIMAL = /^(-)?(\d*)(?:\.(\d*))?$/;

export const moneyMessages = {
  invalid: 'A valid number is required.',
  positive: 'Ensure this value is greater than 0.',
  decimals: `Ensure that there are no more than ${MONEY_DECIMAL_PLACES} decimal places.`,
  digits: `Ensure that there are no more than ${MONEY_MAX_INTEGER_DIGITS} digits before the decimal point.`,
} as const;

type MoneyResult = { ok: true; value: string } | { ok: false; message: string };

/**
 * Normalises "12.5", "0012.50" or the JSON number 12.5 to "12.50". A JSON number is converted through its
 * shortest round-trip decimal form (what the client wrote), so 0.1 stays 0.1 and is never a binary float.
 */
export function normaliseMoney(raw: string | number): MoneyResult {
  let text: string;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return { ok: false, message: moneyMessages.invalid };
    text = String(raw);
    // String() switches to exponent notation outside 1e-7 .. 1e21: either too small or too big for money.
    if (/e/i.test(text)) {
      return { ok: false, message: Math.abs(raw) >= 1 ? moneyMessages.digits : moneyMessages.decimals };
    }
  } else {
    text = raw.trim();
  }
  const match = DECIMAL.exec(text);
  const [, minus, integerPart = '', fractionPart = ''] = match ?? [];
  if (!match || (integerPart === '' && fractionPart === ''))
    return { ok: false, message: moneyMessages.invalid };
  const integerDigits = integerPart.replace(/^0+/, '');
  const isZero = /^0*$/.test(integerDigits + fractionPart);
  if (minus || isZero) return { ok: false, message: moneyMessages.positive };
  if (fractionPart.length > MONEY_DECIMAL_PLACES) return { ok: false, message: moneyMessages.decimals };
  if (integerDigits.length > MONEY_MAX_INTEGER_DIGITS) return { ok: false, message: moneyMessages.digits };
  return { ok: true, value: `${integerDigits || '0'}.${fractionPart.padEnd(MONEY_DECIMAL_PLACES, '0')}` };
}

/**
 * A positive amount of money: a decimal string or a JSON number, at most 12 integer digits and 2 decimals,
 * always coming out as a decimal string with two places ("2500" -> "2500.00").
 */
export const money = z
  .union([z.string().max(64), z.number()], { error: moneyMessages.invalid })
  .transform((raw, ctx) => {
    const result = normaliseMoney(raw);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.message });
    return z.NEVER;
  })
  .meta({
    description: 'Positive amount as a decimal string with at most 2 decimals, e.g. "12.50"',
    examples: ['12.50'],
  });

/** "1234.5" -> 123450. Exact for every amount the schema allows (well inside Number.MAX_SAFE_INTEGER). */
export function toCents(amount: string): number {
  const negative = amount.startsWith('-');
  const [whole = '0', fraction = ''] = amount.replace(/^-/, '').split('.');
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
  return negative ? -cents : cents;
}

/** 123450 -> "1234.50"; fractional cents (a median of two values) round half away from zero. */
export function fromCents(cents: number): string {
  const rounded = Math.round(Math.abs(cents));
  const sign = cents < 0 && rounded !== 0 ? '-' : '';
  return `${sign}${Math.floor(rounded / 100)}.${String(rounded % 100).padStart(2, '0')}`;
}

/**
 * An amount that may be zero or negative (an opening balance: a credit card starts owing money), as a
 * decimal string with two places: "-250" -> "-250.00".
 */
export const signedMoney = z
  .union([z.string().max(64), z.number()], { error: moneyMessages.invalid })
  .transform((raw, ctx) => {
    const text = typeof raw === 'number' ? String(raw) : raw.trim();
    const negative = text.startsWith('-');
    const magnitude = negative ? text.slice(1) : text;
    if (/^0*(\.0*)?$/.test(magnitude) && /\d/.test(magnitude)) return '0.00';
    const result = normaliseMoney(typeof raw === 'number' ? Math.abs(raw) : magnitude);
    if (result.ok) return negative ? `-${result.value}` : result.value;
    ctx.addIssue({ code: 'custom', message: result.message });
    return z.NEVER;
  })
  .meta({
    description: 'Amount as a decimal string with at most 2 decimals, may be negative, e.g. "-250.00"',
    examples: ['1500.00'],
  });
