import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testing/server';

let server: TestServer;
let closed: TestServer;
beforeAll(async () => {
  [server, closed] = await Promise.all([
    startTestServer({ env: { CORS_ORIGINS: 'https://app.example.com' } }),
    startTestServer(),
  ]);
});
afterAll(() => Promise.all([server.close(), closed.close()]));

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
