import { describe, expect, it } from 'vitest';
import { fileNameOf, RestError, restErrorOf } from './rest-errors';

const answer = (status: number, body: unknown) =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });

describe('refused REST answers in words', () => {
  it('takes a refused file’s message, with the lines it lists as details', async () => {
    const error = await restErrorOf(
      answer(400, {
        file: ['1 row cannot be imported, so nothing was.', 'Line 8: "kaputt" is not a valid amount.'],
      }),
    );
    expect(error).toBeInstanceOf(RestError);
    expect(error.message).toBe('1 row cannot be imported, so nothing was.');
    expect(error.details).toEqual(['Line 8: "kaputt" is not a valid amount.']);
    expect(error.status).toBe(400);
  });

  it('reads `detail`, field errors, and falls back on the status', async () => {
    expect((await restErrorOf(answer(413, { detail: 'The file is over 20 MB.' }))).message).toBe(
      'The file is over 20 MB.',
    );
    expect((await restErrorOf(answer(400, { name: ['This field may not be blank.'] }))).message).toBe(
      'Enter a name.',
    );
    expect((await restErrorOf(answer(404, 'not json'))).message).toBe(
      'This item no longer exists — it may have been deleted in another tab.',
    );
    expect((await restErrorOf(answer(409, 'not json'))).message).toBe(
      'The request was refused (409). Reload the page and try again.',
    );
  });

  it('says what to do where DRF speaks to developers, and leaves the body alone', async () => {
    const body = { detail: 'Request was throttled. Expected available in 51 seconds.' };
    const response = answer(429, body);
    expect((await restErrorOf(response)).message).toBe('Too many attempts. Try again in 51 seconds.');
    expect(body.detail).toBe('Request was throttled. Expected available in 51 seconds.');
    expect((await restErrorOf(answer(400, { category: ['A valid integer is required.'] }))).message).toBe(
      'Choose a category.',
    );
    expect(
      (await restErrorOf(answer(401, { detail: 'No active account found with the given credentials.' })))
        .message,
    ).toBe("That email and password don't match. Check them and try again.");
  });

  it('never shows what a server error says', async () => {
    expect((await restErrorOf(answer(500, { detail: 'relation "x" does not exist' }))).message).toBe(
      'Something went wrong on our side. Please try again.',
    );
  });

  it('takes the download’s name from Content-Disposition', () => {
    expect(fileNameOf('attachment; filename="finsight-transactions-2026-10-01.csv"', 'x.csv')).toBe(
      'finsight-transactions-2026-10-01.csv',
    );
    expect(fileNameOf(null, 'x.csv')).toBe('x.csv');
  });
});
