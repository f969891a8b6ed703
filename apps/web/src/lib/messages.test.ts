import { describe, expect, it } from 'vitest';
import { fieldMessage, fieldMessages, friendlyMessage } from './messages';

describe('server messages in words that say what to do', () => {
  it('asks for the missing choice or entry by name', () => {
    expect(fieldMessage('A valid integer is required.', 'categoryId')).toBe('Choose a category.');
    expect(fieldMessage('Incorrect type. Expected pk value.', 'category')).toBe('Choose a category.');
    expect(fieldMessage('This field is required.', 'accountId')).toBe('Choose an account.');
    expect(fieldMessage('This field may not be blank.', 'username')).toBe('Enter a username.');
    expect(fieldMessage('This field is required.', 'email')).toBe('Enter your email address.');
    expect(fieldMessage('This field is required.', 'somethingElse')).toBe('Fill in this field.');
    expect(fieldMessage('A valid number is required.', 'amount')).toBe(
      'Enter an amount as a number, e.g. 12.50.',
    );
  });

  it('turns limits into instructions', () => {
    expect(fieldMessage('Ensure this field has no more than 120 characters.', 'payee')).toBe(
      'Shorten this to 120 characters or fewer.',
    );
    expect(fieldMessage('Ensure this value is greater than or equal to 1.')).toBe('Enter 1 or more.');
    expect(fieldMessage('Ensure this value is less than or equal to 365.')).toBe('Enter 365 or less.');
    expect(fieldMessage('This password is too short. It must contain at least 8 characters.')).toBe(
      'Choose a password of at least 8 characters.',
    );
    expect(fieldMessage('The password is too similar to the username.')).toBe(
      'Choose a password less like your username.',
    );
  });

  it('keeps one message per field', () => {
    expect(
      fieldMessages({
        username: [
          'This field may not be blank.',
          'Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.',
          'Another complaint.',
        ],
        non_field_errors: ['Choose two different accounts.'],
      }),
    ).toEqual({ username: ['Enter a username.'], non_field_errors: ['Choose two different accounts.'] });
  });

  it('rephrases the login, throttling and session messages', () => {
    expect(friendlyMessage('No active account found with the given credentials.')).toBe(
      "That email and password don't match. Check them and try again.",
    );
    expect(friendlyMessage('No active account found with the given credentials')).toBe(
      "That email and password don't match. Check them and try again.",
    );
    expect(friendlyMessage('Request was throttled. Expected available in 51 seconds.')).toBe(
      'Too many attempts. Try again in 51 seconds.',
    );
    expect(friendlyMessage('Request was throttled. Expected available in 1 second.')).toBe(
      'Too many attempts. Try again in 1 second.',
    );
    expect(friendlyMessage('Token is invalid or expired')).toBe(
      'Your session has ended. Log in again to continue.',
    );
  });

  it('says which thing no longer exists', () => {
    expect(friendlyMessage('Not found.', 'transactions.update')).toBe(
      'This transaction no longer exists — it may have been deleted in another tab.',
    );
    expect(friendlyMessage('Not found.', '/api/finance-accounts/3/')).toBe(
      'This account no longer exists — it may have been deleted in another tab.',
    );
    expect(friendlyMessage('Not found.', 'budgets.delete')).toBe(
      'This budget no longer exists — it may have been deleted in another tab.',
    );
    expect(friendlyMessage('Not found.')).toBe(
      'This item no longer exists — it may have been deleted in another tab.',
    );
  });

  it('leaves messages already written for people alone', () => {
    expect(friendlyMessage('A user with that email already exists.')).toBe(
      'A user with that email already exists.',
    );
    expect(fieldMessage('Choose two different accounts.')).toBe('Choose two different accounts.');
  });
});
