import { describe, expect, it } from 'vitest';
import { isCommonPassword } from './common-passwords';
import { characterOverlapRatio, passwordProblems } from './password-rules';

describe('password rules', () => {
  it('accepts a long, unrelated passphrase', () => {
    expect(passwordProblems('violet-harbour-42', { username: 'jane', email: 'jane@example.com' })).toEqual(
      [],
    );
  });

  it('computes the character overlap like SequenceMatcher.quick_ratio', () => {
    expect(characterOverlapRatio('abcd', 'abcd')).toBe(1);
    expect(characterOverlapRatio('abcd', 'wxyz')).toBe(0);
    expect(characterOverlapRatio('aab', 'ab')).toBeCloseTo(0.8);
  });

  it('flags passwords close to a part of the email, not just the whole address', () => {
    expect(passwordProblems('janedoe', { email: 'jane.doe@example.com' })).toContain(
      'The password is too similar to the email address.',
    );
  });

  it('does not call a long password similar because it contains a short username', () => {
    expect(passwordProblems('al-walks-the-quiet-mountain-road', { username: 'al' })).toEqual([]);
  });

  it('knows the common passwords, ignoring case', () => {
    expect(isCommonPassword('Password')).toBe(true);
    expect(isCommonPassword('qwerty123')).toBe(true);
    expect(isCommonPassword('violet-harbour-42')).toBe(false);
  });
});
