/**
 * Reading and writing amounts the way people in a locale type them. Every separator comes from
 * `Intl.NumberFormat`, so a locale works here as soon as the browser knows it. No React, no session: the
 * hook that picks the user's locale lives in locale.ts.
 */

import { numberFormat } from './intl-formats';

const supported = new Map<string, string | null>();

/** A tag the runtime can format with, canonicalised ("de-de" becomes "de-DE"), or null. */
export function supportedLocale(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const known = supported.get(tag);
  if (known !== undefined) return known;
  let found: string | null = null;
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    if (canonical && Intl.NumberFormat.supportedLocalesOf(canonical).length > 0) found = canonical;
  } catch {
    // Not a language tag: fall back.
  }
  supported.set(tag, found);
  return found;
}

interface Symbols {
  group: string;
  decimal: string;
  minus: string;
  /** Digit characters of the locale's numbering system, "0" to "9" in order (Latin for most). */
  digits: string[];
  /** Group sizes: the last group before the decimal, and every group before it (3 and 2 in en-IN). */
  primary: number;
  secondary: number;
}

const symbolCache = new Map<string, Symbols>();

function symbolsOf(locale: string): Symbols {
  const cached = symbolCache.get(locale);
  if (cached) return cached;
  const format = numberFormat(locale);
  const parts = format.formatToParts(-1234567890.5);
  const value = (type: Intl.NumberFormatPartTypes, fallback: string) =>
    parts.find((part) => part.type === type)?.value ?? fallback;
  const integers = parts.filter((part) => part.type === 'integer').map((part) => part.value.length);
  const symbols: Symbols = {
    group: value('group', ','),
    decimal: value('decimal', '.'),
    minus: value('minusSign', '-'),
    digits: Array.from({ length: 10 }, (_, digit) => format.format(digit)),
    primary: integers.at(-1) ?? 3,
    secondary: integers.length > 2 ? (integers.at(-2) ?? 3) : 3,
  };
  symbolCache.set(locale, symbols);
  return symbols;
}

/** Characters people type for the same separator: any space for a space, any apostrophe for an apostrophe. */
const SPACES = /[\s\u00a0\u202f\u2007\u2009]/u;
const APOSTROPHES = /['\u2019\u02bc\u2018\u00b4`]/u;

function sameSeparator(typed: string, separator: string): boolean {
  if (typed === separator) return true;
  if (SPACES.test(separator)) return SPACES.test(typed);
  if (APOSTROPHES.test(separator)) return APOSTROPHES.test(typed);
  return false;
}

function groupsValid(groups: string[], symbols: Symbols): boolean {
  const [first, ...rest] = groups;
  if (!first || rest.length === 0) return true;
  const fits = (primary: number, secondary: number) =>
    first.length >= 1 &&
    first.length <= (rest.length === 1 ? primary : secondary) &&
    rest.every((group, index) => group.length === (index === rest.length - 1 ? primary : secondary));
  // The locale's own grouping (12,34,567 in en-IN), or thousands, which everyone reads.
  return fits(symbols.primary, symbols.secondary) || fits(3, 3);
}

/**
 * A localized amount as a decimal string with two decimals ("1.234,50" in de-DE gives "1234.50"), or null
 * when it is not an amount or could be read two ways ("1,5" in en-US: one and a half, or fifteen?).
 * A currency symbol and surrounding spaces are ignored; letters are not.
 */
export function parseAmount(text: string, locale: string): string | null {
  const symbols = symbolsOf(supportedLocale(locale) ?? 'en-US');
  // Direction marks (Arabic, Hebrew) and currency symbols carry no value.
  let rest = text.replace(/[\p{Cf}\p{Sc}]/gu, '').trim();
  let negative = false;
  const sign = rest[0];
  if (sign === '-' || sign === '\u2212' || sign === symbols.minus || sign === '+') {
    negative = sign !== '+';
    rest = rest.slice(1).trim();
  }
  let integer = '';
  let fraction: string | null = null;
  const groups: string[] = [];
  let group = '';
  for (const char of rest) {
    const localDigit = symbols.digits.indexOf(char);
    const digit = char >= '0' && char <= '9' ? char : localDigit >= 0 ? String(localDigit) : null;
    if (digit !== null) {
      if (fraction === null) group += digit;
      else fraction += digit;
    } else if (fraction === null && sameSeparator(char, symbols.decimal)) {
      fraction = '';
    } else if (
      fraction === null &&
      char === '.' &&
      !sameSeparator('.', symbols.group) &&
      !rest.includes(symbols.decimal)
    ) {
      // A point from a numeric keypad where the locale writes a comma: unambiguous when the point groups nothing.
      fraction = '';
    } else if (fraction === null && sameSeparator(char, symbols.group) && group !== '') {
      groups.push(group);
      group = '';
    } else {
      return null;
    }
  }
  groups.push(group);
  integer = groups.join('');
  if (integer === '' && !fraction) return null;
  if (fraction !== null && (fraction.length === 0 || fraction.length > 2)) return null;
  if (group === '' && groups.length > 1) return null;
  if (!groupsValid(groups, symbols)) return null;
  const whole = integer.replace(/^0+(?=\d)/, '') || '0';
  const cents = (fraction ?? '').padEnd(2, '0');
  const zero = /^0+$/.test(whole + cents);
  return `${negative && !zero ? '-' : ''}${whole}.${cents}`;
}

/** A decimal string as the user would type it in their locale: no currency, no grouping ("1234,50" in de-DE). */
export function formatAmountInput(amount: string, locale: string): string {
  if (!/^-?\d+(\.\d+)?$/.test(amount)) return amount;
  const tag = supportedLocale(locale) ?? 'en-US';
  const format = numberFormat(tag, {
    useGrouping: false,
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    // Digits a keyboard types, whatever the locale's own numbering system.
    numberingSystem: 'latn',
  });
  // Intl reads a decimal string exactly; it never becomes a binary float on the way.
  const text = format.format(amount as unknown as number);
  // A plain hyphen, which every keyboard has, for locales that write a minus sign (sv-SE).
  return text.replace(/[\p{Cf}]/gu, '').replace(symbolsOf(tag).minus, '-');
}

export type AmountReading = { ok: true; amount: string | undefined } | { ok: false; message: string };

/**
 * A form's amount field: blank is no amount; anything `parseAmount` cannot read gets a sentence that says
 * what to type, with an example in the user's own way of writing numbers.
 */
export function readAmount(text: string, locale: string): AmountReading {
  if (text.trim() === '') return { ok: true, amount: undefined };
  const amount = parseAmount(text, locale);
  if (amount !== null) return { ok: true, amount };
  return {
    ok: false,
    message: `Enter the amount as a number with at most two decimals, such as ${formatAmountInput('1234.50', locale)}.`,
  };
}
