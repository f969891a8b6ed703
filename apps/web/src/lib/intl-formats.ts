/**
 * Shared `Intl` formatters. Building one costs far more than using it (a DateTimeFormat takes about a
 * millisecond of locale data work), and a page formats hundreds of amounts and dates per render: every
 * formatter is built once per locale and options, then reused.
 */

function memoised<Options extends object, Format>(
  build: (locale: string | undefined, options: Options | undefined) => Format,
): (locale?: string, options?: Options) => Format {
  const formats = new Map<string, Format>();
  return (locale, options) => {
    const key = `${locale ?? ''}|${options ? JSON.stringify(options) : ''}`;
    let format = formats.get(key);
    if (!format) {
      format = build(locale, options);
      formats.set(key, format);
    }
    return format;
  };
}

export const numberFormat = memoised(
  (locale, options: Intl.NumberFormatOptions | undefined) => new Intl.NumberFormat(locale, options),
);

export const dateTimeFormat = memoised(
  (locale, options: Intl.DateTimeFormatOptions | undefined) => new Intl.DateTimeFormat(locale, options),
);

/** A count in the locale's digits and grouping ("1.200" in de-DE), as `toLocaleString` would, but cached. */
export function formatCount(count: number, locale?: string): string {
  return numberFormat(locale).format(count);
}
