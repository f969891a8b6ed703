/**
 * Currencies and locales by name, for the settings' searchable fields: what the list shows ("Euro (EUR)",
 * "German (Germany) — de-DE") and what a typed text means (a name, a code, or a list entry). Pure.
 */

export interface Choice {
  value: string;
  label: string;
}

const currencyNames = new Intl.DisplayNames(['en'], { type: 'currency' });
const languageNames = new Intl.DisplayNames(['en'], { type: 'language', languageDisplay: 'standard' });

export function currencyLabel(code: string): string {
  const name = currencyNames.of(code);
  return name && name !== code ? `${name} (${code})` : code;
}

/** Every currency the runtime knows, by name. */
export function currencyChoices(): Choice[] {
  return Intl.supportedValuesOf('currency')
    .map((code) => ({ value: code, label: currencyLabel(code) }))
    .sort((a, b) => a.label.localeCompare(b.label, 'en'));
}

/** A currency code from what was typed: "Euro (EUR)", "EUR", "eur" or "euro"; null when it is none. */
export function currencyFromText(text: string, choices: Choice[]): string | null {
  const typed = text.trim();
  const code = (/\(([A-Za-z]{3})\)$/.exec(typed)?.[1] ?? typed).toUpperCase();
  const byCode = choices.find((choice) => choice.value === code);
  if (byCode) return byCode.value;
  const lower = typed.toLowerCase();
  return (
    choices.find((choice) => choice.label.toLowerCase().replace(/ \([a-z]{3}\)$/, '') === lower)?.value ??
    null
  );
}

/** Locales people commonly use for money; any other tag the browser knows can be typed. */
export const COMMON_LOCALES = [
  'en-US',
  'en-GB',
  'en-CA',
  'en-AU',
  'en-NZ',
  'en-IE',
  'en-IN',
  'en-ZA',
  'de-DE',
  'de-AT',
  'de-CH',
  'fr-FR',
  'fr-BE',
  'fr-CA',
  'fr-CH',
  'it-IT',
  'it-CH',
  'es-ES',
  'es-MX',
  'es-AR',
  'es-CO',
  'pt-BR',
  'pt-PT',
  'nl-NL',
  'nl-BE',
  'sv-SE',
  'nb-NO',
  'da-DK',
  'fi-FI',
  'is-IS',
  'pl-PL',
  'cs-CZ',
  'sk-SK',
  'hu-HU',
  'ro-RO',
  'bg-BG',
  'el-GR',
  'hr-HR',
  'sl-SI',
  'lt-LT',
  'lv-LV',
  'et-EE',
  'tr-TR',
  'ru-RU',
  'uk-UA',
  'he-IL',
  'ar-SA',
  'ar-EG',
  'fa-IR',
  'hi-IN',
  'bn-IN',
  'ta-IN',
  'th-TH',
  'vi-VN',
  'id-ID',
  'ms-MY',
  'fil-PH',
  'ja-JP',
  'ko-KR',
  'zh-CN',
  'zh-TW',
  'zh-HK',
  'sw-KE',
];

export function localeLabel(tag: string): string {
  const name = languageNames.of(tag);
  return name && name !== tag ? `${name} — ${tag}` : tag;
}

export function localeChoices(): Choice[] {
  return COMMON_LOCALES.filter((tag) => Intl.NumberFormat.supportedLocalesOf(tag).length > 0)
    .map((tag) => ({ value: tag, label: localeLabel(tag) }))
    .sort((a, b) => a.label.localeCompare(b.label, 'en'));
}

/**
 * The locale a typed text means: null for the browser's default (the default's label, or nothing), a tag
 * for a list entry, a name ("German (Germany)") or any tag the browser formats with; undefined when none.
 */
export function localeFromText(
  text: string,
  choices: Choice[],
  defaultLabel: string,
): string | null | undefined {
  const typed = text.trim();
  if (typed === '' || typed === defaultLabel) return null;
  const lower = typed.toLowerCase();
  const listed = choices.find(
    (choice) => choice.label.toLowerCase() === lower || choice.label.toLowerCase().split(' — ')[0] === lower,
  );
  if (listed) return listed.value;
  const tag = /— ([\w-]+)$/.exec(typed)?.[1] ?? typed;
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    if (canonical && Intl.NumberFormat.supportedLocalesOf(canonical).length > 0) return canonical;
  } catch {
    // Not a language tag.
  }
  return undefined;
}
