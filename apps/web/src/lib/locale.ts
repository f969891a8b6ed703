/** The user's locale: the one they chose in their profile, else the browser's language. */
import { supportedLocale } from './locale-numbers';
import { useProfile } from './session';

export { formatAmountInput, parseAmount, readAmount } from './locale-numbers';

/** The browser's own language, the default until the user picks one. */
export function browserLocale(): string {
  return supportedLocale(typeof navigator === 'undefined' ? undefined : navigator.language) ?? 'en-US';
}

/** The locale amounts and dates are shown in: the profile's setting, else the browser's language. */
export function useLocale(): string {
  const profile = useProfile();
  // A tag this browser cannot format with (saved on another device) falls back to the browser's own.
  return supportedLocale(profile.data?.locale) ?? browserLocale();
}
