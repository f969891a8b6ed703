/**
 * The server speaks to developers ("A valid integer is required.", DRF's wording, kept for REST clients);
 * people get a sentence that says what to do. Pure, so the mapping is tested without a browser. A message
 * not listed here is already written for people and passes unchanged.
 */

/** What a field is called in a sentence ("Choose a category."), by the names forms and the API use. */
const FIELD_WORDS: Record<string, { choose?: string; enter?: string }> = {
  categoryId: { choose: 'a category' },
  category: { choose: 'a category' },
  accountId: { choose: 'an account' },
  account: { choose: 'an account' },
  fromAccountId: { choose: 'the account the money leaves' },
  toAccountId: { choose: 'the account the money goes to' },
  into: { choose: 'the category to merge into' },
  reassignTo: { choose: 'a category to move the transactions to' },
  kind: { choose: 'income, expense or either' },
  type: { choose: 'income or expense' },
  cadence: { choose: 'how often it repeats' },
  preferredCurrency: { choose: 'a currency' },
  currency: { choose: 'a currency' },
  timeZone: { choose: 'a time zone' },
  locale: { choose: 'a language and region' },
  username: { enter: 'a username' },
  email: { enter: 'your email address' },
  password: { enter: 'your password' },
  currentPassword: { enter: 'your current password' },
  oldPassword: { enter: 'your current password' },
  newPassword: { enter: 'a new password' },
  name: { enter: 'a name' },
  amount: { enter: 'an amount' },
  limit: { enter: 'a limit' },
  date: { enter: 'a date' },
  from: { enter: 'a start date' },
  to: { enter: 'an end date' },
  payee: { enter: 'a payee' },
  note: { enter: 'a note' },
  pattern: { enter: 'the text to look for' },
  code: { enter: 'the code from your authenticator app' },
  url: { enter: 'a web address' },
  webhookUrl: { enter: 'a web address' },
  file: { enter: 'a file' },
  openingBalance: { enter: 'the opening balance' },
  openingDate: { enter: 'the date of the opening balance' },
  effectiveMonth: { choose: 'the month it starts in' },
  expiresInDays: { enter: 'a number of days' },
};

const MISSING = new Set([
  'This field is required.',
  'This field may not be blank.',
  'This field may not be null.',
  'Not a valid string.',
  'Required',
]);
const NOT_A_NUMBER = new Set(['A valid integer is required.', 'A valid number is required.']);
const NOT_AN_ID = new Set(['Incorrect type. Expected pk value.']);

function missing(field: string | undefined): string {
  const words = field ? FIELD_WORDS[field] : undefined;
  if (words?.choose) return `Choose ${words.choose}.`;
  if (words?.enter) return `Enter ${words.enter}.`;
  return 'Fill in this field.';
}

/** One field's message, for people. */
export function fieldMessage(message: string, field?: string): string {
  const words = field ? FIELD_WORDS[field] : undefined;
  if (MISSING.has(message)) return missing(field);
  if (NOT_AN_ID.has(message) || (NOT_A_NUMBER.has(message) && words?.choose)) return missing(field);
  if (NOT_A_NUMBER.has(message))
    return words?.enter ? `Enter ${words.enter} as a number, e.g. 12.50.` : 'Enter a number, e.g. 12.50.';
  let match = /^Ensure this field has no more than (\d+) characters\.$/.exec(message);
  if (match) return `Shorten this to ${match[1]} characters or fewer.`;
  match = /^Ensure this value is greater than or equal to (-?[\d.]+)\.$/.exec(message);
  if (match) return `Enter ${match[1]} or more.`;
  match = /^Ensure this value is less than or equal to (-?[\d.]+)\.$/.exec(message);
  if (match) return `Enter ${match[1]} or less.`;
  if (message === 'Ensure this value is greater than 0.') return 'Enter an amount above zero.';
  match = /^Ensure that there are no more than (\d+) decimal places\.$/.exec(message);
  if (match) return `Use no more than ${match[1]} decimal places, e.g. 12.50.`;
  match = /^Ensure that there are no more than (\d+) digits before the decimal point\.$/.exec(message);
  if (match) return `Enter an amount with no more than ${match[1]} digits before the decimal point.`;
  if (message === 'Must be true or false.' || message === 'Must be a valid boolean.')
    return 'Choose yes or no.';
  if (message.startsWith('Date has wrong format.')) return 'Enter a date like 2026-11-24.';
  if (message.startsWith('Enter a valid username.'))
    return 'Use only letters, numbers and @ . + - _ in the username.';
  match = /^This password is too short\. It must contain at least (\d+) characters\.$/.exec(message);
  if (match) return `Choose a password of at least ${match[1]} characters.`;
  if (message === 'This password is entirely numeric.') return 'Add letters or symbols to the password.';
  match = /^The password is too similar to the (.+)\.$/.exec(message);
  if (match) return `Choose a password less like your ${match[1]}.`;
  if (message === 'This password is too common.') return 'Choose a less common password.';
  if (message === 'Choose INCOME, EXPENSE or null (either).') return 'Choose income, expense or either.';
  return message;
}

export type FieldMessages = Record<string, string[]>;

/**
 * Field errors for people: one sentence per field (an empty username gets "Enter a username.", not three
 * complaints about the same empty box), each saying what to do.
 */
export function fieldMessages(errors: FieldMessages): FieldMessages {
  const result: FieldMessages = {};
  for (const [field, messages] of Object.entries(errors)) {
    const [first] = messages;
    if (first !== undefined)
      result[field] = [fieldMessage(first, field === 'non_field_errors' ? undefined : field)];
  }
  return result;
}

/** What "it" is, by the procedure or REST path that could not find it. */
const RESOURCES: [prefix: string, sentence: string][] = [
  ['transactions', 'This transaction no longer exists — it may have been deleted in another tab.'],
  ['categories', 'This category no longer exists — it may have been deleted in another tab.'],
  ['accounts', 'This account no longer exists — it may have been deleted in another tab.'],
  ['budgets', 'This budget no longer exists — it may have been deleted in another tab.'],
  ['rules', 'This rule no longer exists — it may have been deleted in another tab.'],
  ['recurring', 'This recurring payment no longer exists — it may have been deleted in another tab.'],
  ['imports', 'This import no longer exists — it may have been undone in another tab.'],
  ['alerts', 'This alert no longer exists — it may have been dismissed in another tab.'],
  ['apiTokens', 'This API token no longer exists — it may have been revoked in another tab.'],
  ['sessions', 'This session has already ended.'],
];

/** "finance-accounts" and "accounts.update" both name accounts. */
function resourceOf(where: string | undefined): string | undefined {
  if (!where) return undefined;
  const key = where
    .replace(/^\/?api\//, '')
    .replace(/^finance-accounts/, 'accounts')
    .replace(/^financeAccounts/, 'accounts')
    .replace(/^api-tokens/, 'apiTokens')
    .split(/[./]/)[0];
  return RESOURCES.find(([prefix]) => prefix === key)?.[1];
}

/**
 * A form-level or page-level message for people. `where` is the procedure ("transactions.update") or REST
 * path ("/api/transactions/12/") that answered, so "Not found." can say what is gone.
 */
export function friendlyMessage(message: string, where?: string): string {
  if (message === 'Not found.' || message === 'No Transaction matches the given query.')
    return resourceOf(where) ?? 'This item no longer exists — it may have been deleted in another tab.';
  if (message.startsWith('No active account found with the given credentials'))
    return "That email and password don't match. Check them and try again.";
  const throttled = /^Request was throttled\.(?: Expected available in (\d+) seconds?\.)?$/.exec(message);
  if (throttled) {
    const seconds = Number(throttled[1] ?? 0);
    if (seconds <= 0) return 'Too many attempts. Wait a moment and try again.';
    return `Too many attempts. Try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`;
  }
  if (
    message === 'Authentication credentials were not provided.' ||
    message === 'Given token not valid for any token type' ||
    message === 'Token is invalid or expired' ||
    message === 'User not found'
  )
    return 'Your session has ended. Log in again to continue.';
  if (message === 'Invalid input.') return 'Some fields need a look. Check them and try again.';
  return fieldMessage(message);
}
