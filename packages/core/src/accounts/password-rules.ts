/**
 * The password rules users of the documented framework (Django) get by default: minimum length, not
 * entirely numeric, not too similar to the username or email. The common-password rule lives in
 * common-passwords.ts (server only). Pure functions: safe for the browser bundle.
 */
export const PASSWORD_MIN_LENGTH = 8;
/** Django's UserAttributeSimilarityValidator default. */
export const MAX_SIMILARITY = 0.7;

export interface PasswordContext {
  username?: string;
  email?: string;
}

const ATTRIBUTE_LABELS: Record<keyof PasswordContext, string> = {
  username: 'username',
  email: 'email address',
};

export function passwordProblems(password: string, context: PasswordContext): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) {
    problems.push(`This password is too short. It must contain at least ${PASSWORD_MIN_LENGTH} characters.`);
  }
  if (/^\d+$/.test(password)) problems.push('This password is entirely numeric.');
  const similar = similarAttribute(password, context);
  if (similar) problems.push(`The password is too similar to the ${ATTRIBUTE_LABELS[similar]}.`);
  return problems;
}

function similarAttribute(password: string, context: PasswordContext): keyof PasswordContext | undefined {
  const lowered = password.toLowerCase();
  for (const attribute of ['username', 'email'] as const) {
    const value = context[attribute]?.toLowerCase();
    if (!value) continue;
    // The whole value and its word-like parts ("jane.doe@example.com" -> jane, doe, example, com).
    const parts = [...value.split(/\W+/u).filter(Boolean), value];
    for (const part of parts) {
      // A long password that merely contains a short part is not "similar" (Django skips these too).
      if (lowered.length >= 10 * part.length && part.length < (MAX_SIMILARITY / 2) * lowered.length) continue;
      if (characterOverlapRatio(lowered, part) >= MAX_SIMILARITY) return attribute;
    }
  }
  return undefined;
}

/**
 * 2·M / (|a| + |b|) where M counts the characters the two strings share, with multiplicity: an upper
 * bound of the Ratcliff–Obershelp similarity, as Python's SequenceMatcher.quick_ratio computes it.
 */
export function characterOverlapRatio(a: string, b: string): number {
  if (a.length + b.length === 0) return 1;
  const available = new Map<string, number>();
  for (const char of b) available.set(char, (available.get(char) ?? 0) + 1);
  let matches = 0;
  for (const char of a) {
    const left = available.get(char) ?? 0;
    if (left > 0) {
      matches++;
      available.set(char, left - 1);
    }
  }
  return (2 * matches) / (a.length + b.length);
}
