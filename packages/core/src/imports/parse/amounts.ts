import { MONEY_MAX_INTEGER_DIGITS } from '../../validation/money';

export type Decimal = '.' | ',';

export type AmountReading =
  | { ok: true; cents: number; negative: boolean; signed: boolean }
  | { ok: false; reason: 'invalid' | 'digits' | 'decimals' };

// Number in the middle, signs and currencies around it: "-1.234,56 €", "(12.50)", "$1,234.56 CR", "45,20-".
const CELL = /^(\D*?)([.,]?\d(?:[\d.,'’\s]*\d)?)(\D*)$/;
const CURRENCY_CODES =
  'eur|euro|euros|usd|gbp|chf|aud|cad|nzd|jpy|sek|nok|dkk|isk|pln|czk|huf|ron|bgn|try|inr|pkr|lkr|bdt|' +
  'zar|sgd|hkd|cny|rmb|twd|krw|thb|myr|idr|php|vnd|aed|sar|qar|ils|egp|kes|ngn|mxn|brl|ars|clp|cop|pen';
const AFFIX = new RegExp(
  String.raw`^(?:\s|[-+\u2212\u2013()]|cr\.?|dr\.?|rs\.?|kr\.?|s?fr\.?|zł|kč|ft|[a-z]{0,2}[$€£¥₹₽₺₩₪₱₫₴₦]|${CURRENCY_CODES})*$`,
  'i',
);
const NEGATIVE = /[-\u2212\u2013(]|\bdr\b/i;
const POSITIVE = /\+|\bcr\b/i;
const DASHES = /^[\s\-\u2212\u2013\u2014]+$/;
// Spaces of every width (U+00A0, U+202F, U+2009 ...) and apostrophes group thousands in any convention.
const GROUPING = /['’\s]/g;
const HAS_GROUPING = /['’\s]/;
const GROUPED: Record<Decimal, string> = { '.': ',', ',': '.' };
const NUMBER: Record<Decimal, RegExp> = {
  // Groups of three, or the Indian lakh/crore grouping: "12,34,567.89".
  '.': /^(\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d\d)+,\d{3}|\d*)(?:\.(\d*))?$/,
  ',': /^(\d{1,3}(?:\.\d{3})+|\d*)(?:,(\d*))?$/,
};
const THOUSANDS: Record<Decimal, RegExp> = { '.': /,/g, ',': /\./g };
// Most cells are just "-12.50": read those without the general machinery (100,000 rows add up).
const PLAIN: Record<Decimal, RegExp> = {
  '.': /^(-?)([1-9]\d{0,11}|0)(?:\.(\d\d?))?$/,
  ',': /^(-?)([1-9]\d{0,11}|0)(?:,(\d\d?))?$/,
};

/**
 * The number with its spaces and apostrophes written as the file's thousands separator, so that their
 * groups are checked too; null when the whole part mixes them with that separator ("1 234.567,89").
 */
function withFileGrouping(body: string, decimal: Decimal): string | null {
  if (!HAS_GROUPING.test(body)) return body;
  const whole = body.split(decimal)[0] ?? '';
  if (whole.includes(GROUPED[decimal])) return null;
  return body.replace(GROUPING, GROUPED[decimal]);
}

/** "-" or "–" alone: how some banks leave the other side of a debit/credit pair empty. */
export function isDashes(cell: string): boolean {
  return DASHES.test(cell);
}

/**
 * One amount cell under the file's decimal separator. Null for an empty cell (or one of dashes only).
 * Thousands separators must group by three (or as lakh and crore, "12,34,567.89"), so "12.5" in a
 * decimal-comma file and "12 50" are refused instead of read as 125 and 1250.
 */
export function parseAmount(cell: string, decimal: Decimal): AmountReading | null {
  const plain = PLAIN[decimal].exec(cell);
  if (plain) {
    const [, minus, whole = '', fraction = ''] = plain;
    const cents = Number(whole) * 100 + (fraction.length === 1 ? Number(fraction) * 10 : Number(fraction));
    return { ok: true, cents, negative: minus === '-', signed: minus === '-' };
  }
  const text = cell.trim();
  if (text === '' || isDashes(text)) return null;
  const match = CELL.exec(text);
  if (!match) return { ok: false, reason: 'invalid' };
  const [, prefix = '', body = '', suffix = ''] = match;
  if (!AFFIX.test(prefix) || !AFFIX.test(suffix)) return { ok: false, reason: 'invalid' };
  const grouped = withFileGrouping(body, decimal);
  const number = grouped === null ? null : NUMBER[decimal].exec(grouped);
  if (!number) return { ok: false, reason: 'invalid' };
  const [, whole = '', fraction = ''] = number;
  const digits = whole.replace(THOUSANDS[decimal], '').replace(/^0+/, '');
  if (digits === '' && fraction === '' && !/0/.test(whole)) return { ok: false, reason: 'invalid' };
  if (digits.length > MONEY_MAX_INTEGER_DIGITS) return { ok: false, reason: 'digits' };
  if (fraction.length > 2 && /[1-9]/.test(fraction.slice(2))) return { ok: false, reason: 'decimals' };
  const cents = Number(digits || '0') * 100 + Number(fraction.slice(0, 2).padEnd(2, '0'));
  const affixes = prefix + suffix;
  const negative = NEGATIVE.test(affixes);
  return { ok: true, cents, negative, signed: negative || POSITIVE.test(affixes) };
}

function isNumber(reading: AmountReading | null): boolean {
  return reading !== null && (reading.ok || reading.reason !== 'invalid');
}

/**
 * The cell as a number under '.' or else under ',' (too big or too precise still counts), null when it is
 * no number: how amount columns are found, and their signs counted, before the separator is known.
 */
export function readNumber(cell: string): AmountReading | null {
  const dot = parseAmount(cell, '.');
  if (isNumber(dot)) return dot;
  const comma = parseAmount(cell, ',');
  return isNumber(comma) ? comma : null;
}

export function looksLikeAmount(cell: string): boolean {
  return readNumber(cell) !== null;
}

/** '.' or ',' when the cell shows which one is its decimal separator, null when it cannot tell. */
function decimalShownBy(cell: string): Decimal | null {
  const dot = cell.lastIndexOf('.');
  const comma = cell.lastIndexOf(',');
  if (dot < 0 && comma < 0) return null;
  if (dot >= 0 && comma >= 0) return dot > comma ? '.' : ',';
  const separator = dot >= 0 ? '.' : ',';
  const at = Math.max(dot, comma);
  if (cell.indexOf(separator) !== at) return separator === '.' ? ',' : '.';
  let digitsAfter = 0;
  while (at + 1 + digitsAfter < cell.length && isDigit(cell.charCodeAt(at + 1 + digitsAfter))) digitsAfter++;
  // "1,234" is a thousand in one convention and one-and-a-bit in the other: no vote.
  if (digitsAfter === 3) return null;
  return digitsAfter === 0 ? null : separator;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * The decimal separator shown by most amount cells of the whole file ("1.234,56", "12,5" and "-3,00" all
 * vote for the comma); `fallback` when no cell tells.
 */
export function detectDecimal(cells: Iterable<string>, fallback: Decimal): Decimal {
  let dots = 0;
  let commas = 0;
  for (const cell of cells) {
    const vote = decimalShownBy(cell);
    if (vote === '.') dots++;
    else if (vote === ',') commas++;
  }
  if (dots === commas) return fallback;
  return dots > commas ? '.' : ',';
}

/** "-12.50" from a reading: the signed decimal text tests and error messages show. */
export function centsToDecimal(cents: number): string {
  const whole = Math.floor(cents / 100);
  const rest = cents % 100;
  return `${whole}.${rest < 10 ? '0' : ''}${rest}`;
}
