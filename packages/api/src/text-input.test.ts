import { tableCounts } from '@finsight/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeError, serializeRequest } from './logging';
import { call, type RestUser, restUser, startTestServer, type TestServer } from './testing/server';
import { testTrpcClient } from './testing/trpc-client';

const lines: string[] = [];
let server: TestServer;
let jane: RestUser;
let category: number;

beforeAll(async () => {
  server = await startTestServer({
    env: { LOG_LEVEL: 'info' },
    logStream: { write: (line: string) => void lines.push(line) },
  });
  jane = await restUser(server.url, 'typist');
  category = (
    (await call(server.url, 'POST', '/api/finance/categories/', { name: 'Food' }, jane.access)).body as {
      id: number;
    }
  ).id;
});
afterAll(() => server.close());

describe('text the database cannot store', () => {
  it.each([
    ['a NUL byte in a category name', '/api/finance/categories/', () => ({ name: 'Fo\u0000od' }), 'name'],
    [
      'a NUL byte in a note',
      '/api/finance/transactions/',
      () => ({ category, type: 'EXPENSE', amount: '1.00', date: '2026-11-02', note: 'secret-note\u0000' }),
      'note',
    ],
    [
      'half a surrogate pair in a note',
      '/api/finance/transactions/',
      () => ({ category, type: 'EXPENSE', amount: '1.00', date: '2026-11-02', note: 'secret-note \ud800' }),
      'note',
    ],
    [
      'a NUL byte in an email',
      '/api/auth/register/',
      () => ({ username: 'x', email: 'a\u0000@b.com', password: 'violet-harbour-42' }),
      'email',
    ],
  ])('%s is a 400 naming the field, writes nothing, and logs none of it', async (_, path, body, field) => {
    const before = await tableCounts(server.database.db);
    const answer = await call(
      server.url,
      'POST',
      path,
      body(),
      path.includes('/auth/') ? undefined : jane.access,
    );
    expect(answer.status).toBe(400);
    expect(answer.body).toHaveProperty(field);
    expect(await tableCounts(server.database.db)).toEqual(before);
  });

  it('is refused in query strings too, and over tRPC with the field named', async () => {
    const search = await call(
      server.url,
      'GET',
      '/api/finance/transactions/?search=secret-search%00',
      undefined,
      jane.access,
    );
    expect(search).toMatchObject({ status: 400, body: { search: ['Null characters are not allowed.'] } });
    await expect(
      testTrpcClient(server.url, jane).api.categories.create.mutate({ name: 'secret-name\u0000' }),
    ).rejects.toMatchObject({
      data: { code: 'BAD_REQUEST', fieldErrors: { name: ['Null characters are not allowed.'] } },
    });
  });

  it('never reaches the logs: no bodies, no query strings, no statement values', () => {
    const log = lines.join('');
    expect(log).toContain('"url":"/api/finance/transactions/?[redacted]"');
    for (const secret of ['secret-note', 'secret-search', 'secret-name', jane.password])
      expect(log).not.toContain(secret);
  });
});

describe('what gets logged of an error', () => {
  it('keeps the statement but never the values it ran with', () => {
    const failure = Object.assign(
      new Error(
        'Failed query: insert into "transactions" ("note") values ($1)\nparams: my secret note,jane@example.com',
      ),
      { query: 'insert into "transactions" ("note") values ($1)', params: ['my secret note'] },
    );
    const cause = Object.assign(new Error('invalid byte sequence'), {
      code: '22021',
      parameters: ['my secret note'],
    });
    const logged = JSON.stringify(serializeError(Object.assign(failure, { cause })));
    expect(logged).toContain('insert into');
    expect(logged).toContain('22021');
    expect(logged).not.toContain('secret');
    expect(logged).not.toContain('jane@');
  });

  it('logs a request by its path alone', () => {
    expect(
      serializeRequest({ method: 'GET', url: '/trpc/auth.me?input=%7B%7D', ip: '::1' } as never),
    ).toEqual({
      method: 'GET',
      url: '/trpc/auth.me?[redacted]',
      remoteAddress: '::1',
    });
  });
});
