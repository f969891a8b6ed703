import { describe, expect, it } from 'vitest';
import { currencyChoices, currencyFromText, currencyLabel, localeChoices, localeFromText } from './choices';

describe('currencies and locales by name', () => {
  const currencies = currencyChoices();
  const locales = localeChoices();

  it('names currencies and reads a name or a code', () => {
    expect(currencyLabel('EUR')).toBe('Euro (EUR)');
    expect(currencyFromText('Euro (EUR)', currencies)).toBe('EUR');
    expect(currencyFromText('chf', currencies)).toBe('CHF');
    expect(currencyFromText('Japanese Yen', currencies)).toBe('JPY');
    expect(currencyFromText('Gold coins', currencies)).toBeNull();
  });

  it('reads the browser default, a list entry, a name or a tag', () => {
    const browserDefault = 'Browser default (de-DE)';
    expect(localeFromText(browserDefault, locales, browserDefault)).toBeNull();
    expect(localeFromText('German (Germany) — de-DE', locales, browserDefault)).toBe('de-DE');
    expect(localeFromText('german (switzerland)', locales, browserDefault)).toBe('de-CH');
    expect(localeFromText('pt-br', locales, browserDefault)).toBe('pt-BR');
    expect(localeFromText('not a locale!', locales, browserDefault)).toBeUndefined();
  });
});
