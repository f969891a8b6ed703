import { z } from 'zod';

/**
 * A BCP 47 language tag as the runtime canonicalises it ("de-de" becomes "de-DE"); it decides how amounts and
 * dates are written and read in the web app. Tags the runtime has no number format for are refused, so a
 * saved locale always formats.
 */
export const locale = z
  .string({ error: 'Choose a language and region, e.g. de-DE.' })
  .trim()
  .max(35, { error: 'Choose a language and region, e.g. de-DE.' })
  .transform((value, ctx) => {
    try {
      const [canonical] = Intl.getCanonicalLocales(value);
      if (canonical && Intl.NumberFormat.supportedLocalesOf(canonical).length > 0) return canonical;
    } catch {
      // Not a language tag at all: reported below.
    }
    ctx.addIssue({ code: 'custom', message: 'Choose a language and region, e.g. de-DE.' });
    return z.NEVER;
  })
  .meta({ description: 'BCP 47 language tag', examples: ['de-DE'] });
