/**
 * The Postman collection for the REST API, built here and written to finsight.postman_collection.json by
 * `pnpm --filter @finsight/api postman`. A test keeps the file in sync and runs it with newman against a
 * live server, so the collection users import is known to work.
 */

type Script = string[];

interface Step {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  auth?: false;
  prerequest?: Script;
  tests: Script;
}

const expectStatus = (status: number) => [
  `pm.test('status ${status}', () => pm.response.to.have.status(${status}));`,
];

const steps: Step[] = [
  {
    name: 'Register',
    method: 'POST',
    path: '/api/auth/register/',
    auth: false,
    prerequest: [
      'const stamp = Date.now();',
      "pm.collectionVariables.set('email', 'postman.' + stamp + '@example.com');",
      "pm.collectionVariables.set('username', 'postman_' + stamp);",
    ],
    body: { username: '{{username}}', email: '{{email}}', password: '{{password}}' },
    tests: [
      ...expectStatus(201),
      "pm.test('no password in the response', () => pm.expect(pm.response.json()).to.have.all.keys('id', 'username', 'email'));",
    ],
  },
  {
    name: 'Login',
    method: 'POST',
    path: '/api/auth/login/',
    auth: false,
    body: { email: '{{email}}', password: '{{password}}' },
    tests: [
      ...expectStatus(200),
      'const tokens = pm.response.json();',
      "pm.collectionVariables.set('access', tokens.access);",
      "pm.collectionVariables.set('refresh', tokens.refresh);",
    ],
  },
  {
    name: 'Refresh the access token',
    method: 'POST',
    path: '/api/auth/refresh/',
    auth: false,
    body: { refresh: '{{refresh}}' },
    tests: [...expectStatus(200), "pm.collectionVariables.set('access', pm.response.json().access);"],
  },
  {
    name: 'Create a category',
    method: 'POST',
    path: '/api/finance/categories/',
    body: { name: 'Groceries' },
    tests: [...expectStatus(201), "pm.collectionVariables.set('categoryId', pm.response.json().id);"],
  },
  {
    name: 'List categories',
    method: 'GET',
    path: '/api/finance/categories/',
    tests: [
      ...expectStatus(200),
      "pm.test('one category', () => pm.expect(pm.response.json()).to.have.length(1));",
    ],
  },
  {
    name: 'Rename the category',
    method: 'PATCH',
    path: '/api/finance/categories/{{categoryId}}/',
    body: { name: 'Food' },
    tests: [
      ...expectStatus(200),
      "pm.test('renamed', () => pm.expect(pm.response.json().name).to.eql('Food'));",
    ],
  },
  {
    name: 'Get the category',
    method: 'GET',
    path: '/api/finance/categories/{{categoryId}}/',
    tests: [
      ...expectStatus(200),
      "pm.test('by id', () => pm.expect(pm.response.json()).to.have.all.keys('id', 'name'));",
    ],
  },
  {
    name: 'Rename the category (PUT)',
    method: 'PUT',
    path: '/api/finance/categories/{{categoryId}}/',
    body: { name: 'Groceries' },
    tests: [
      ...expectStatus(200),
      "pm.test('renamed back', () => pm.expect(pm.response.json().name).to.eql('Groceries'));",
    ],
  },
  {
    name: 'Record an expense',
    method: 'POST',
    path: '/api/finance/transactions/',
    body: {
      category: '{{categoryId}}',
      type: 'EXPENSE',
      amount: '42.5',
      date: '2026-11-03',
      note: 'Weekly shop',
    },
    tests: [
      ...expectStatus(201),
      "pm.test('amount is a decimal string', () => pm.expect(pm.response.json().amount).to.eql('42.50'));",
      "pm.collectionVariables.set('transactionId', pm.response.json().id);",
    ],
  },
  {
    name: 'Record income (a JSON number amount)',
    method: 'POST',
    path: '/api/finance/transactions/',
    body: { category: '{{categoryId}}', type: 'INCOME', amount: 2500, date: '2026-11-01' },
    tests: [
      ...expectStatus(201),
      "pm.test('2500 becomes \"2500.00\"', () => pm.expect(pm.response.json().amount).to.eql('2500.00'));",
    ],
  },
  {
    name: 'List transactions',
    method: 'GET',
    path: '/api/finance/transactions/',
    tests: [
      ...expectStatus(200),
      "pm.test('a plain array, newest first', () => pm.expect(pm.response.json().map(t => t.date)).to.eql(['2026-11-03', '2026-11-01']));",
    ],
  },
  {
    name: 'List transactions, one page',
    method: 'GET',
    path: '/api/finance/transactions/?limit=1&type=EXPENSE',
    tests: [
      ...expectStatus(200),
      "pm.test('a page', () => pm.expect(pm.response.json()).to.include.keys('count', 'next', 'previous', 'results'));",
    ],
  },
  {
    name: 'Get the expense',
    method: 'GET',
    path: '/api/finance/transactions/{{transactionId}}/',
    tests: [
      ...expectStatus(200),
      "pm.test('note kept', () => pm.expect(pm.response.json().note).to.eql('Weekly shop'));",
    ],
  },
  {
    name: 'Change the amount',
    method: 'PATCH',
    path: '/api/finance/transactions/{{transactionId}}/',
    body: { amount: '45.00' },
    tests: [
      ...expectStatus(200),
      "pm.test('amount changed', () => pm.expect(pm.response.json().amount).to.eql('45.00'));",
    ],
  },
  {
    name: 'Move it to October (PUT)',
    method: 'PUT',
    path: '/api/finance/transactions/{{transactionId}}/',
    body: {
      category: '{{categoryId}}',
      type: 'EXPENSE',
      amount: '45.00',
      date: '2026-10-30',
      note: 'Weekly shop',
    },
    tests: [...expectStatus(200)],
  },
  {
    name: 'Monthly summary',
    method: 'GET',
    path: '/api/finance/summary/?month=2026-11',
    tests: [
      ...expectStatus(200),
      "pm.test('income counted', () => pm.expect(pm.response.json().total_income).to.eql('2500.00'));",
    ],
  },
  {
    name: 'Income vs expense',
    method: 'GET',
    path: '/api/finance/income-vs-expense/?month=2026-10',
    tests: [
      ...expectStatus(200),
      "pm.test('the moved expense', () => pm.expect(pm.response.json().expense).to.eql('45.00'));",
    ],
  },
  {
    name: 'Category breakdown',
    method: 'GET',
    path: '/api/finance/breakdown/?month=2026-10',
    tests: [
      ...expectStatus(200),
      "pm.test('one category at 100%', () => pm.expect(pm.response.json().categories[0].share).to.eql(100));",
    ],
  },
  {
    name: 'Anomalies',
    method: 'GET',
    path: '/api/finance/anomalies/?month=2026-11',
    tests: [
      ...expectStatus(200),
      "pm.test('a list', () => pm.expect(pm.response.json().anomalies).to.be.an('array'));",
    ],
  },
  {
    name: 'The month in plain words',
    method: 'GET',
    path: '/api/finance/narrative/?month=2026-11',
    tests: [
      ...expectStatus(200),
      "pm.test('a text and its numbers', () => pm.expect(pm.response.json()).to.include.keys('text', 'income', 'expense'));",
    ],
  },
  {
    name: 'Deleting a used category is refused',
    method: 'DELETE',
    path: '/api/finance/categories/{{categoryId}}/',
    tests: [
      ...expectStatus(409),
      "pm.test('says why', () => pm.expect(pm.response.json().detail).to.include('Cannot delete'));",
    ],
  },
  {
    name: 'Bad input gets field errors',
    method: 'POST',
    path: '/api/finance/transactions/',
    body: { category: '{{categoryId}}', type: 'EXPENSE', amount: '12.345', date: '2023-02-30' },
    tests: [
      ...expectStatus(400),
      "pm.test('per field', () => pm.expect(pm.response.json()).to.have.all.keys('amount', 'date'));",
    ],
  },
  {
    name: 'Delete the expense',
    method: 'DELETE',
    path: '/api/finance/transactions/{{transactionId}}/',
    tests: [...expectStatus(204)],
  },
  {
    name: 'Without a token',
    method: 'GET',
    path: '/api/finance/categories/',
    auth: false,
    tests: [...expectStatus(401)],
  },
];

export function buildPostmanCollection() {
  return {
    info: {
      name: 'finsight REST API',
      description:
        'The documented endpoints of finsight. Set `baseUrl` (default http://127.0.0.1:3000) and run the folder in order: ' +
        'it registers a fresh user, logs in and exercises every endpoint.',
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    },
    auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{access}}', type: 'string' }] },
    variable: [
      { key: 'baseUrl', value: 'http://127.0.0.1:3000' },
      { key: 'password', value: 'violet-harbour-42' },
    ],
    item: steps.map((step) => ({
      name: step.name,
      event: [
        ...(step.prerequest
          ? [{ listen: 'prerequest', script: { type: 'text/javascript', exec: step.prerequest } }]
          : []),
        { listen: 'test', script: { type: 'text/javascript', exec: step.tests } },
      ],
      request: {
        method: step.method,
        ...(step.auth === false ? { auth: { type: 'noauth' } } : {}),
        header: step.body === undefined ? [] : [{ key: 'Content-Type', value: 'application/json' }],
        ...(step.body === undefined
          ? {}
          : {
              body: {
                mode: 'raw',
                raw: JSON.stringify(step.body, null, 2).replace(/"\{\{(\w+)\}\}"/g, (match, name) =>
                  name === 'categoryId' ? `{{${name}}}` : match,
                ),
              },
            }),
        url: `{{baseUrl}}${step.path}`,
      },
    })),
  };
}

/** Each request as `METHOD /path/{id}/` without its query, to hold the collection against the OpenAPI document. */
export function collectionOperations(): string[] {
  return steps.map((step) => `${step.method} ${step.path.split('?')[0]?.replace(/\{\{\w+Id\}\}/g, '{id}')}`);
}

export const COLLECTION_FILE = new URL('./finsight.postman_collection.json', import.meta.url);

export function renderPostmanCollection(): string {
  return `${JSON.stringify(buildPostmanCollection(), null, 2)}\n`;
}
