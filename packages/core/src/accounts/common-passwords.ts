import { dictionary } from '@zxcvbn-ts/language-common';

/** Django checks against 20,000 common passwords; zxcvbn's list is ordered by frequency. */
const COMMON_PASSWORD_COUNT = 20_000;

let common: Set<string> | undefined;

export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary['passwords-common'].slice(0, COMMON_PASSWORD_COUNT));
  return common.has(password.toLowerCase().trim());
}
