import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testing/server';

let server: TestServer;
let closed: TestServer;
// One after the other: on a Citus cluster, two test databases made and sharded at the same moment once
// failed setup here (a worker connection Citus needed was refused); no other file makes two at once.
beforeAll(async () => {
  server = await startTestServer({ env: { CORS_ORIGINS: 'https://app.example.com' } });
  closed = await startTestServer();
});
afterAll(() => Promise.all([server?.close(), closed?.close()]));

const preflight = (origin: string, on = server) =>
  fetch(`${on.url}/api/finance/categories/`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type',
    },
  });

describe('CORS', () => {
  it('lets a configured origin call the API from a browser', async () => {
    const response = await preflight('https://app.example.com');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
  });

  it('does not grant any other origin', async () => {
    const response = await preflight('https://evil.example.net');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('grants no origin at all unless some are configured', async () => {
    const response = await preflight('https://app.example.com', closed);
    expect(response.status).toBe(404);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
