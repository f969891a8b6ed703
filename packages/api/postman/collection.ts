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
  /** A body sent as it is (a bank file), with its content type. */
  raw?: { contentType: string; text: string };
  auth?: false;
  headers?: Record<string, string>;
  prerequest?: Script;
  tests: Script;
}

/**
 * The current authenticator code for `{{totpSecret}}` (RFC 6238: HMAC-SHA1 of the 30-second step), computed
 * in Postman's sandbox with its bundled crypto-js, into `{{totpCode}}`.
 */
const TOTP_CODE: Script = [
  "const cryptoJs = require('crypto-js');",
  "const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';",
  "let bits = '';",
  "for (const c of pm.collectionVariables.get('totpSecret')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');",
  "let key = '';",
  "for (let i = 0; i + 8 <= bits.length; i += 8) key += parseInt(bits.slice(i, i + 8), 2).toString(16).padStart(2, '0');",
  "const step = Math.floor(Date.now() / 30000).toString(16).padStart(16, '0');",
  'const mac = cryptoJs.HmacSHA1(cryptoJs.enc.Hex.parse(step), cryptoJs.enc.Hex.parse(key)).toString();',
  'const offset = parseInt(mac.slice(-1), 16);',
  'const code = (parseInt(mac.substr(offset * 2, 8), 16) & 0x7fffffff) % 1000000;',
  "pm.collectionVariables.set('totpCode', String(code).padStart(6, '0'));",
];

const expectStatus = (status: number) => [
  `pm.test('status ${status}', () => pm.response.to.have.status(${status}));`,
];

/** A German bank's export: a preamble, semicolons, a decimal comma. */
const BANK_FILE = [
  'Kontonummer;DE12 3456 7890',
  '',
  'Buchungstag;Auftraggeber / Empfänger;Verwendungszweck;Betrag (EUR)',
  '02.03.2026;ACME GmbH;Gehalt März;3.200,00',
  '03.03.2026;REWE Markt 0815;Einkauf;-54,20',
  '',
].join('\n');

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
    name: 'Refresh the tokens (the refresh token rotates)',
    method: 'POST',
    path: '/api/auth/refresh/',
    auth: false,
    body: { refresh: '{{refresh}}' },
    tests: [
      ...expectStatus(200),
      "pm.collectionVariables.set('access', pm.response.json().access);",
      "pm.collectionVariables.set('refresh', pm.response.json().refresh);",
    ],
  },
  {
    name: 'My profile',
    method: 'GET',
    path: '/api/auth/me/',
    tests: [
      ...expectStatus(200),
      "pm.test('UTC until told otherwise', () => pm.expect(pm.response.json().time_zone).to.eql('UTC'));",
    ],
  },
  {
    name: 'Change currency and time zone',
    method: 'PATCH',
    path: '/api/auth/me/',
    body: { currency: 'EUR', time_zone: 'Europe/Berlin' },
    tests: [
      ...expectStatus(200),
      "pm.test('changed', () => pm.expect(pm.response.json()).to.include({ currency: 'EUR', time_zone: 'Europe/Berlin' }));",
    ],
  },
  {
    name: 'Create a read-only API token',
    method: 'POST',
    path: '/api/auth/tokens/',
    body: { name: 'Postman script', scope: 'read', expires_in_days: 1 },
    tests: [
      ...expectStatus(201),
      "pm.test('shown once, fs_…', () => pm.expect(pm.response.json().token).to.match(/^fs_/));",
      "pm.collectionVariables.set('apiToken', pm.response.json().token);",
      "pm.collectionVariables.set('apiTokenId', pm.response.json().id);",
    ],
  },
  {
    name: 'List API tokens',
    method: 'GET',
    path: '/api/auth/tokens/',
    tests: [
      ...expectStatus(200),
      "pm.test('without the token', () => pm.expect(pm.response.json()[0]).to.not.have.property('token'));",
    ],
  },
  {
    name: 'A read-only token cannot write',
    method: 'POST',
    path: '/api/finance/categories/',
    auth: false,
    headers: { Authorization: 'Bearer {{apiToken}}' },
    body: { name: 'Nope' },
    tests: [...expectStatus(403)],
  },
  {
    name: 'Revoke the API token',
    method: 'DELETE',
    path: '/api/auth/tokens/{{apiTokenId}}/',
    tests: [...expectStatus(204)],
  },
  {
    name: 'Log in on a second device',
    method: 'POST',
    path: '/api/auth/login/',
    auth: false,
    body: { email: '{{email}}', password: '{{password}}' },
    tests: [...expectStatus(200), "pm.collectionVariables.set('otherRefresh', pm.response.json().refresh);"],
  },
  {
    name: 'List sessions',
    method: 'GET',
    path: '/api/auth/sessions/',
    tests: [
      ...expectStatus(200),
      "pm.test('two, this one marked', () => pm.expect(pm.response.json().filter(s => s.current)).to.have.length(1));",
      "pm.collectionVariables.set('sessionId', pm.response.json().find(s => !s.current).id);",
    ],
  },
  {
    name: 'End the other session',
    method: 'DELETE',
    path: '/api/auth/sessions/{{sessionId}}/',
    tests: [...expectStatus(204)],
  },
  {
    name: 'Its refresh token no longer works',
    method: 'POST',
    path: '/api/auth/refresh/',
    auth: false,
    body: { refresh: '{{otherRefresh}}' },
    tests: [...expectStatus(401)],
  },
  {
    name: 'Two-factor status',
    method: 'GET',
    path: '/api/auth/2fa/',
    tests: [
      ...expectStatus(200),
      "pm.test('off', () => pm.expect(pm.response.json().enabled).to.eql(false));",
    ],
  },
  {
    name: 'Set up two-factor authentication',
    method: 'POST',
    path: '/api/auth/2fa/setup/',
    tests: [...expectStatus(200), "pm.collectionVariables.set('totpSecret', pm.response.json().secret);"],
  },
  {
    name: 'Confirm it with a code',
    method: 'POST',
    path: '/api/auth/2fa/confirm/',
    prerequest: TOTP_CODE,
    body: { code: '{{totpCode}}' },
    tests: [
      ...expectStatus(200),
      "pm.test('ten recovery codes', () => pm.expect(pm.response.json().recovery_codes).to.have.length(10));",
      "pm.collectionVariables.set('recoveryCodes', JSON.stringify(pm.response.json().recovery_codes));",
    ],
  },
  {
    name: 'Log in: the code is asked for',
    method: 'POST',
    path: '/api/auth/login/',
    auth: false,
    body: { email: '{{email}}', password: '{{password}}' },
    tests: [
      ...expectStatus(200),
      "pm.test('mfa_required', () => pm.expect(pm.response.json().mfa_required).to.eql(true));",
      "pm.collectionVariables.set('mfaToken', pm.response.json().mfa_token);",
    ],
  },
  {
    name: 'Finish the login with a recovery code',
    method: 'POST',
    path: '/api/auth/login/mfa/',
    auth: false,
    prerequest: [
      "pm.collectionVariables.set('recoveryCode', JSON.parse(pm.collectionVariables.get('recoveryCodes'))[0]);",
    ],
    body: { mfa_token: '{{mfaToken}}', code: '{{recoveryCode}}' },
    tests: [
      ...expectStatus(200),
      "pm.collectionVariables.set('access', pm.response.json().access);",
      "pm.collectionVariables.set('refresh', pm.response.json().refresh);",
    ],
  },
  {
    name: 'New recovery codes',
    method: 'POST',
    path: '/api/auth/2fa/recovery-codes/',
    body: { password: '{{password}}' },
    tests: [
      ...expectStatus(200),
      "pm.collectionVariables.set('recoveryCodes', JSON.stringify(pm.response.json().recovery_codes));",
    ],
  },
  {
    name: 'Turn two-factor authentication off',
    method: 'POST',
    path: '/api/auth/2fa/disable/',
    prerequest: [
      "pm.collectionVariables.set('recoveryCode', JSON.parse(pm.collectionVariables.get('recoveryCodes'))[0]);",
    ],
    body: { password: '{{password}}', code: '{{recoveryCode}}' },
    tests: [...expectStatus(204)],
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
      "pm.test('by id', () => pm.expect(pm.response.json()).to.have.all.keys('id', 'name', 'kind'));",
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
    name: 'Record a coffee, once (Idempotency-Key)',
    method: 'POST',
    path: '/api/finance/transactions/',
    headers: { 'Idempotency-Key': 'postman-coffee-{{username}}' },
    body: {
      category: '{{categoryId}}',
      type: 'EXPENSE',
      amount: '3.20',
      date: '2026-11-04',
      payee: 'Corner Café',
    },
    tests: [...expectStatus(201), "pm.collectionVariables.set('coffeeId', pm.response.json().id);"],
  },
  {
    name: 'Send the same coffee again: the first answer, nothing written',
    method: 'POST',
    path: '/api/finance/transactions/',
    headers: { 'Idempotency-Key': 'postman-coffee-{{username}}' },
    body: {
      category: '{{categoryId}}',
      type: 'EXPENSE',
      amount: '3.20',
      date: '2026-11-04',
      payee: 'Corner Café',
    },
    tests: [
      ...expectStatus(201),
      "pm.test('same transaction', () => pm.expect(pm.response.json().id).to.eql(pm.collectionVariables.get('coffeeId')));",
      "pm.test('says it replayed', () => pm.expect(pm.response.headers.get('Idempotent-Replayed')).to.eql('true'));",
    ],
  },
  {
    name: 'Suggest a category for a payee',
    method: 'GET',
    path: '/api/finance/transactions/suggest-category/?payee=corner%20caf%C3%A9',
    tests: [
      ...expectStatus(200),
      "pm.test('from history', () => pm.expect(pm.response.json()).to.eql({ category: pm.collectionVariables.get('categoryId'), source: 'history' }));",
    ],
  },
  {
    name: 'Create a second category, for expenses only',
    method: 'POST',
    path: '/api/finance/categories/',
    body: { name: 'Cafés', kind: 'EXPENSE' },
    tests: [...expectStatus(201), "pm.collectionVariables.set('cafesId', pm.response.json().id);"],
  },
  {
    name: 'Re-file transactions in bulk',
    method: 'POST',
    path: '/api/finance/transactions/bulk/',
    body: { action: 'update', ids: ['{{coffeeId}}'], category: '{{cafesId}}' },
    tests: [
      ...expectStatus(200),
      "pm.test('one changed', () => pm.expect(pm.response.json().count).to.eql(1));",
    ],
  },
  {
    name: 'Merge the café category back',
    method: 'POST',
    path: '/api/finance/categories/{{cafesId}}/merge/',
    body: { into: '{{categoryId}}' },
    tests: [...expectStatus(200), "pm.test('moved', () => pm.expect(pm.response.json().moved).to.eql(1));"],
  },
  {
    name: 'Delete the coffee in bulk',
    method: 'POST',
    path: '/api/finance/transactions/bulk/',
    body: { action: 'delete', ids: ['{{coffeeId}}'] },
    tests: [
      ...expectStatus(200),
      "pm.test('one deleted', () => pm.expect(pm.response.json().count).to.eql(1));",
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
    name: 'List accounts, with balances',
    method: 'GET',
    path: '/api/finance/accounts/',
    tests: [
      ...expectStatus(200),
      'const main = pm.response.json().find((account) => account.is_default);',
      "pm.test('every user has a default account', () => pm.expect(main.name).to.eql('Main account'));",
      "pm.collectionVariables.set('mainAccountId', main.id);",
    ],
  },
  {
    name: 'Open a savings account',
    method: 'POST',
    path: '/api/finance/accounts/',
    body: { name: 'Savings', kind: 'SAVINGS', opening_balance: '100.00' },
    tests: [
      ...expectStatus(201),
      "pm.test('opens with its opening balance', () => pm.expect(pm.response.json().balance).to.eql('100.00'));",
      "pm.collectionVariables.set('savingsAccountId', pm.response.json().id);",
    ],
  },
  {
    name: 'Get the account',
    method: 'GET',
    path: '/api/finance/accounts/{{savingsAccountId}}/',
    tests: [
      ...expectStatus(200),
      "pm.test('a savings account', () => pm.expect(pm.response.json().kind).to.eql('SAVINGS'));",
    ],
  },
  {
    name: 'Rename the account',
    method: 'PATCH',
    path: '/api/finance/accounts/{{savingsAccountId}}/',
    body: { name: 'Rainy day' },
    tests: [
      ...expectStatus(200),
      "pm.test('renamed', () => pm.expect(pm.response.json().name).to.eql('Rainy day'));",
    ],
  },
  {
    name: 'Replace the account’s details (PUT)',
    method: 'PUT',
    path: '/api/finance/accounts/{{savingsAccountId}}/',
    body: { name: 'Rainy day', kind: 'SAVINGS', opening_balance: '150.00', opening_date: '2026-01-01' },
    tests: [
      ...expectStatus(200),
      "pm.test('new opening balance', () => pm.expect(pm.response.json().balance).to.eql('150.00'));",
    ],
  },
  {
    name: 'Move money to savings',
    method: 'POST',
    path: '/api/finance/transfers/',
    body: {
      from_account: '{{mainAccountId}}',
      to_account: '{{savingsAccountId}}',
      amount: '50.00',
      date: '2026-10-15',
    },
    tests: [
      ...expectStatus(201),
      'const { from, to } = pm.response.json();',
      "pm.test('two linked sides without a category', () => { pm.expect(to.transfer).to.eql(from.id); pm.expect(from.category).to.eql(null); });",
    ],
  },
  {
    name: 'Balances of all accounts',
    method: 'GET',
    path: '/api/finance/accounts/balances/',
    tests: [
      ...expectStatus(200),
      "pm.test('savings got the transfer', () => pm.expect(pm.response.json().accounts.find((a) => a.name === 'Rainy day').balance).to.eql('200.00'));",
    ],
  },
  {
    name: 'An account with history cannot be deleted',
    method: 'DELETE',
    path: '/api/finance/accounts/{{savingsAccountId}}/',
    tests: [
      ...expectStatus(409),
      "pm.test('says to archive it', () => pm.expect(pm.response.json().detail).to.match(/Archive/));",
    ],
  },
  {
    name: 'Export transactions as CSV',
    method: 'GET',
    path: '/api/finance/transactions/export/?format=csv',
    tests: [
      ...expectStatus(200),
      "pm.test('the importer’s own columns', () => pm.expect(pm.response.text()).to.match(/^Date,Payee,Note,Category,Amount\\r\\n/));",
    ],
  },
  {
    name: 'Preview a bank file (nothing is written)',
    method: 'POST',
    path: '/api/finance/imports/preview/?account={{mainAccountId}}',
    raw: { contentType: 'text/csv', text: BANK_FILE },
    tests: [
      ...expectStatus(200),
      'const preview = pm.response.json();',
      "pm.test('detected with no configuration', () => pm.expect(preview.detected).to.include({ delimiter: ';', date_format: 'DD.MM.YYYY', decimal: ',' }));",
      "pm.test('two rows', () => pm.expect(preview.summary).to.include({ rows: 2, valid: 2, expense: '54.20', income: '3200.00' }));",
    ],
  },
  {
    name: 'Import the bank file',
    method: 'POST',
    path: '/api/finance/imports/?account={{mainAccountId}}&file_name=march.csv',
    raw: { contentType: 'text/csv', text: BANK_FILE },
    tests: [
      ...expectStatus(201),
      "pm.test('both rows in', () => pm.expect(pm.response.json().imported).to.eql(2));",
      "pm.collectionVariables.set('importId', pm.response.json().id);",
    ],
  },
  {
    name: 'Import history',
    method: 'GET',
    path: '/api/finance/imports/',
    tests: [
      ...expectStatus(200),
      "pm.test('the file is listed', () => pm.expect(pm.response.json()[0].file_name).to.eql('march.csv'));",
    ],
  },
  {
    name: 'Undo the import',
    method: 'DELETE',
    path: '/api/finance/imports/{{importId}}/',
    tests: [
      ...expectStatus(200),
      "pm.test('its two rows went', () => pm.expect(pm.response.json().removed).to.eql(2));",
    ],
  },
  {
    name: 'Create a rule',
    method: 'POST',
    path: '/api/finance/rules/',
    body: {
      name: 'Amazon',
      conditions: [{ field: 'payee', operator: 'matches', value: 'AMZN MKTP*' }],
      actions: { category: '{{categoryId}}', rename_payee: 'Amazon' },
    },
    tests: [...expectStatus(201), "pm.collectionVariables.set('ruleId', pm.response.json().id);"],
  },
  {
    name: 'List rules',
    method: 'GET',
    path: '/api/finance/rules/',
    tests: [
      ...expectStatus(200),
      "pm.test('one rule', () => pm.expect(pm.response.json()).to.have.length(1));",
    ],
  },
  {
    name: 'Get the rule',
    method: 'GET',
    path: '/api/finance/rules/{{ruleId}}/',
    tests: [
      ...expectStatus(200),
      "pm.test('renames the payee', () => pm.expect(pm.response.json().actions.rename_payee).to.eql('Amazon'));",
    ],
  },
  {
    name: 'Change the rule',
    method: 'PATCH',
    path: '/api/finance/rules/{{ruleId}}/',
    body: { amount_max: '500.00' },
    tests: [
      ...expectStatus(200),
      "pm.test('bounded', () => pm.expect(pm.response.json().amount_max).to.eql('500.00'));",
    ],
  },
  {
    name: 'Replace the rule (PUT)',
    method: 'PUT',
    path: '/api/finance/rules/{{ruleId}}/',
    body: {
      name: 'Amazon',
      conditions: [{ field: 'payee', operator: 'contains', value: 'amzn' }],
      actions: { rename_payee: 'Amazon' },
    },
    tests: [
      ...expectStatus(200),
      "pm.test('no amount bound now', () => pm.expect(pm.response.json()).not.to.have.property('amount_max'));",
    ],
  },
  {
    name: 'Dry-run the rule over past transactions',
    method: 'POST',
    path: '/api/finance/rules/{{ruleId}}/apply/',
    body: { dry_run: true },
    tests: [
      ...expectStatus(200),
      "pm.test('counted only', () => pm.expect(pm.response.json().dry_run).to.eql(true));",
    ],
  },
  {
    name: 'Delete the rule',
    method: 'DELETE',
    path: '/api/finance/rules/{{ruleId}}/',
    tests: [...expectStatus(204)],
  },
  {
    name: 'Create a budget',
    method: 'POST',
    path: '/api/finance/budgets/',
    body: { category: '{{categoryId}}', amount: '50.00', rollover: true },
    tests: [
      ...expectStatus(201),
      "pm.collectionVariables.set('budgetId', pm.response.json().id);",
      "pm.collectionVariables.set('budgetMonth', pm.response.json().start_month);",
    ],
  },
  {
    name: 'List budgets',
    method: 'GET',
    path: '/api/finance/budgets/',
    tests: [
      ...expectStatus(200),
      "pm.test('one budget', () => pm.expect(pm.response.json()).to.have.length(1));",
    ],
  },
  {
    name: 'Get the budget',
    method: 'GET',
    path: '/api/finance/budgets/{{budgetId}}/',
    tests: [
      ...expectStatus(200),
      "pm.test('rolls over', () => pm.expect(pm.response.json().rollover).to.eql(true));",
    ],
  },
  {
    name: 'Raise the limit from this month on',
    method: 'PATCH',
    path: '/api/finance/budgets/{{budgetId}}/',
    body: { amount: '60.00' },
    tests: [
      ...expectStatus(200),
      "pm.test('raised', () => pm.expect(pm.response.json().amount).to.eql('60.00'));",
    ],
  },
  {
    name: 'Replace the budget (PUT)',
    method: 'PUT',
    path: '/api/finance/budgets/{{budgetId}}/',
    body: { category: '{{categoryId}}', amount: '50.00', start_month: '{{budgetMonth}}', rollover: false },
    tests: [
      ...expectStatus(200),
      "pm.test('no rollover now', () => pm.expect(pm.response.json().rollover).to.eql(false));",
    ],
  },
  {
    name: 'Spend most of the budget',
    method: 'POST',
    path: '/api/finance/transactions/',
    body: { category: '{{categoryId}}', type: 'EXPENSE', amount: '45.00', date: '{{budgetMonth}}-01' },
    tests: [...expectStatus(201)],
  },
  {
    name: "This month's budgets",
    method: 'GET',
    path: '/api/finance/budgets/status/',
    tests: [
      ...expectStatus(200),
      "pm.test('90 % used: a warning', () => pm.expect(pm.response.json().budgets[0]).to.include({ percent: 90, status: 'warning' }));",
    ],
  },
  {
    name: 'Unread alerts',
    method: 'GET',
    path: '/api/finance/alerts/?unread=true',
    tests: [
      ...expectStatus(200),
      "pm.test('the budget warning', () => pm.expect(pm.response.json().results[0].kind).to.eql('BUDGET_WARNING'));",
      "pm.collectionVariables.set('alertId', pm.response.json().results[0].id);",
    ],
  },
  {
    name: 'Mark the alert read',
    method: 'PATCH',
    path: '/api/finance/alerts/{{alertId}}/',
    body: { read: true },
    tests: [...expectStatus(200), "pm.test('read', () => pm.expect(pm.response.json().read).to.eql(true));"],
  },
  {
    name: 'Mark every alert read',
    method: 'POST',
    path: '/api/finance/alerts/read-all/',
    tests: [
      ...expectStatus(200),
      "pm.test('none were left', () => pm.expect(pm.response.json().updated).to.eql(0));",
    ],
  },
  {
    name: 'Delete the budget',
    method: 'DELETE',
    path: '/api/finance/budgets/{{budgetId}}/',
    tests: [...expectStatus(204)],
  },
  {
    name: 'Notification settings (all off at first)',
    method: 'GET',
    path: '/api/finance/notifications/',
    tests: [
      ...expectStatus(200),
      "pm.test('off, no secret shown', () => { pm.expect(pm.response.json()).to.include({ email_digest: false, webhook_url: null, webhook_secret_set: false }); pm.expect(pm.response.json()).to.not.have.property('webhook_secret'); });",
    ],
  },
  {
    name: 'Turn on the daily digest and a webhook',
    method: 'PATCH',
    path: '/api/finance/notifications/',
    body: { email_digest: true, webhook_url: 'https://hooks.example.com/finsight' },
    tests: [
      ...expectStatus(200),
      "pm.test('the secret, shown this once', () => pm.expect(pm.response.json().webhook_secret).to.match(/^whsec_/));",
      "pm.collectionVariables.set('webhookSecret', pm.response.json().webhook_secret);",
    ],
  },
  {
    name: 'Rotate the webhook secret',
    method: 'POST',
    path: '/api/finance/notifications/rotate-secret/',
    tests: [
      ...expectStatus(200),
      "pm.test('a new secret', () => pm.expect(pm.response.json().webhook_secret).to.not.eql(pm.collectionVariables.get('webhookSecret')));",
    ],
  },
  {
    name: 'The delivery log',
    method: 'GET',
    path: '/api/finance/notifications/deliveries/?limit=10',
    tests: [
      ...expectStatus(200),
      "pm.test('a page', () => pm.expect(pm.response.json()).to.include.keys('count', 'next', 'previous', 'results'));",
    ],
  },
  {
    name: 'A music subscription, 3 months ago',
    method: 'POST',
    path: '/api/finance/transactions/',
    prerequest: [
      'const day = new Date();',
      'day.setUTCDate(5);',
      'day.setUTCMonth(day.getUTCMonth() - 3);',
      "pm.collectionVariables.set('paidOn', day.toISOString().slice(0, 10));",
    ],
    body: {
      category: '{{categoryId}}',
      type: 'EXPENSE',
      amount: '9.99',
      date: '{{paidOn}}',
      payee: 'Postman Music',
    },
    tests: [...expectStatus(201)],
  },
  {
    name: 'A music subscription, 2 months ago',
    method: 'POST',
    path: '/api/finance/transactions/',
    prerequest: [
      'const day = new Date();',
      'day.setUTCDate(5);',
      'day.setUTCMonth(day.getUTCMonth() - 2);',
      "pm.collectionVariables.set('paidOn', day.toISOString().slice(0, 10));",
    ],
    body: {
      category: '{{categoryId}}',
      type: 'EXPENSE',
      amount: '9.99',
      date: '{{paidOn}}',
      payee: 'Postman Music',
    },
    tests: [...expectStatus(201)],
  },
  {
    name: 'A music subscription, 1 month ago',
    method: 'POST',
    path: '/api/finance/transactions/',
    prerequest: [
      'const day = new Date();',
      'day.setUTCDate(5);',
      'day.setUTCMonth(day.getUTCMonth() - 1);',
      "pm.collectionVariables.set('paidOn', day.toISOString().slice(0, 10));",
    ],
    body: {
      category: '{{categoryId}}',
      type: 'EXPENSE',
      amount: '9.99',
      date: '{{paidOn}}',
      payee: 'Postman Music',
    },
    tests: [...expectStatus(201)],
  },
  {
    name: 'Recurring payments',
    method: 'GET',
    path: '/api/finance/recurring/',
    tests: [
      ...expectStatus(200),
      "const music = pm.response.json().find(s => s.payee === 'Postman Music');",
      "pm.test('the subscription is found, monthly', () => pm.expect(music.cadence).to.eql('MONTHLY'));",
      "pm.collectionVariables.set('seriesId', music.id);",
    ],
  },
  {
    name: 'Confirm the subscription',
    method: 'PATCH',
    path: '/api/finance/recurring/{{seriesId}}/',
    body: { status: 'CONFIRMED' },
    tests: [
      ...expectStatus(200),
      "pm.test('confirmed', () => pm.expect(pm.response.json().status).to.eql('CONFIRMED'));",
    ],
  },
  {
    name: 'Month-end forecast',
    method: 'GET',
    path: '/api/finance/forecast/',
    tests: [
      ...expectStatus(200),
      "pm.test('money as decimal strings', () => pm.expect(pm.response.json().expense.expected).to.match(/^\\d+\\.\\d{2}$/));",
    ],
  },
  {
    name: 'Without a token',
    method: 'GET',
    path: '/api/finance/categories/',
    auth: false,
    tests: [...expectStatus(401)],
  },
  {
    name: 'Load demo data (refused: the account has transactions)',
    method: 'POST',
    path: '/api/finance/demo/',
    body: { months: 2 },
    tests: [...expectStatus(409)],
  },
  {
    name: 'Take demo data out (none here)',
    method: 'DELETE',
    path: '/api/finance/demo/',
    tests: [
      ...expectStatus(200),
      "pm.test('nothing removed', () => pm.expect(pm.response.json().transactions).to.eql(0));",
    ],
  },
  {
    name: 'Export everything',
    method: 'GET',
    path: '/api/auth/me/export/',
    tests: [
      ...expectStatus(200),
      "pm.test('the whole account', () => pm.expect(pm.response.json()).to.include.keys('profile', 'transactions', 'categories'));",
    ],
  },
  {
    name: 'Empty the account, keeping the login',
    method: 'POST',
    path: '/api/auth/me/reset/',
    body: { password: '{{password}}' },
    tests: [...expectStatus(200)],
  },
  {
    name: 'Change the password',
    method: 'POST',
    path: '/api/auth/password/change/',
    body: { old_password: '{{password}}', new_password: '{{newPassword}}' },
    tests: [
      ...expectStatus(200),
      "pm.collectionVariables.set('access', pm.response.json().access);",
      "pm.collectionVariables.set('refresh', pm.response.json().refresh);",
      "pm.collectionVariables.set('password', pm.collectionVariables.get('newPassword'));",
    ],
  },
  {
    name: 'Ask for a password reset mail',
    method: 'POST',
    path: '/api/auth/password/reset/',
    auth: false,
    body: { email: '{{email}}' },
    tests: [...expectStatus(202)],
  },
  {
    name: 'A made-up reset token is refused',
    method: 'POST',
    path: '/api/auth/password/reset/confirm/',
    auth: false,
    body: { token: 'made-up', new_password: 'amber-lantern-77' },
    tests: [
      ...expectStatus(400),
      "pm.test('names the token', () => pm.expect(pm.response.json()).to.have.property('token'));",
    ],
  },
  {
    name: 'Log out (this session)',
    method: 'POST',
    path: '/api/auth/logout/',
    auth: false,
    body: { refresh: '{{refresh}}' },
    tests: [...expectStatus(204)],
  },
  {
    name: 'Log in again',
    method: 'POST',
    path: '/api/auth/login/',
    auth: false,
    body: { email: '{{email}}', password: '{{password}}' },
    tests: [...expectStatus(200), "pm.collectionVariables.set('access', pm.response.json().access);"],
  },
  {
    name: 'Log out everywhere',
    method: 'POST',
    path: '/api/auth/logout/all/',
    tests: [...expectStatus(204)],
  },
  {
    name: 'Log in once more',
    method: 'POST',
    path: '/api/auth/login/',
    auth: false,
    body: { email: '{{email}}', password: '{{password}}' },
    tests: [...expectStatus(200), "pm.collectionVariables.set('access', pm.response.json().access);"],
  },
  {
    name: 'Delete the account',
    method: 'DELETE',
    path: '/api/auth/me/',
    body: { password: '{{password}}' },
    tests: [...expectStatus(204)],
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
      { key: 'newPassword', value: 'amber-lantern-77' },
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
        header: [
          ...(step.body === undefined ? [] : [{ key: 'Content-Type', value: 'application/json' }]),
          ...(step.raw === undefined ? [] : [{ key: 'Content-Type', value: step.raw.contentType }]),
          ...Object.entries(step.headers ?? {}).map(([key, value]) => ({ key, value })),
        ],
        ...(step.raw === undefined ? {} : { body: { mode: 'raw', raw: step.raw.text } }),
        ...(step.body === undefined
          ? {}
          : {
              body: {
                mode: 'raw',
                // Ids are numbers in JSON: `"{{categoryId}}"` goes out as `{{categoryId}}`.
                raw: JSON.stringify(step.body, null, 2).replace(/"\{\{(\w+)\}\}"/g, (match, name) =>
                  /Id$/.test(name) ? `{{${name}}}` : match,
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
