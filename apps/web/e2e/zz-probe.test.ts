import { startTestServer } from '@finsight/api/testing';
import { it } from 'vitest';

it('probe', async () => {
  const server = await startTestServer({});
  const post = async (path: string, body: unknown, token?: string) => {
    const r = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    return r.json();
  };
  const reg = await post('/trpc/auth.register', { username: 'p', email: 'p@example.com', password: 'violet-harbour-42' });
  console.log(JSON.stringify(reg).slice(0, 300));
  const login = await post('/trpc/auth.login', { email: 'p@example.com', password: 'violet-harbour-42' });
  const access = login.result.data.access;
  const csv = 'Umsätze Girokonto;;;;\nKontonummer: 123;;;;\n\nBuchungstag;Valuta;Auftraggeber/Empfänger;Verwendungszweck;Betrag\n01.10.2026;01.10.2026;Arbeitgeber GmbH;Gehalt Oktober;2.500,00\n03.10.2026;03.10.2026;REWE Markt;Einkauf;-45,90\n05.10.2026;05.10.2026;Stadtwerke;Strom;kaputt\n07.10.2026;07.10.2026;Miete;Wohnung;-800,00\n';
  const r = await fetch(`${server.url}/api/finance/imports/preview/?preview_rows=2`, { method: 'POST', headers: { authorization: `Bearer ${access}`, 'content-type': 'text/csv' }, body: new TextEncoder().encode(csv) });
  console.log(r.status, JSON.stringify(await r.json(), null, 1));
  const r2 = await fetch(`${server.url}/api/finance/imports/preview/?payee_column=Verwendungszweck&decimal=.`, { method: 'POST', headers: { authorization: `Bearer ${access}`, 'content-type': 'text/csv' }, body: new TextEncoder().encode(csv) });
  console.log(r2.status, JSON.stringify(await r2.json()).slice(0, 1500));
  const r3 = await fetch(`${server.url}/api/finance/imports/?file_name=x.csv`, { method: 'POST', headers: { authorization: `Bearer ${access}`, 'content-type': 'text/csv' }, body: new TextEncoder().encode(csv) });
  console.log(r3.status, JSON.stringify(await r3.json()));
  const r5 = await fetch(`${server.url}/api/finance/imports/?date_column=Nope`, { method: 'POST', headers: { authorization: `Bearer ${access}`, 'content-type': 'text/csv' }, body: new TextEncoder().encode(csv) });
  console.log(r5.status, JSON.stringify(await r5.json()));
  const r4 = await fetch(`${server.url}/api/finance/imports/?file_name=x.csv&skip_errors=true`, { method: 'POST', headers: { authorization: `Bearer ${access}`, 'content-type': 'text/csv' }, body: new TextEncoder().encode(csv) });
  console.log(r4.status, JSON.stringify(await r4.json()));
  const get = async (path: string, input?: unknown) => {
    const r = await fetch(`${server.url}/trpc/${path}${input ? `?input=${encodeURIComponent(JSON.stringify(input))}` : ''}`, { headers: { authorization: `Bearer ${access}` } });
    return r.json();
  };
  console.log(JSON.stringify(await get('accounts.list'), null, 1));
  console.log(JSON.stringify(await get('imports.list'), null, 1));
  console.log(JSON.stringify(await get('categories.list'), null, 1));
  const list = await get('transactions.list', { accountId: 1, includeTotal: true });
  console.log(JSON.stringify(list, null, 1).slice(0, 1500));
  await server.close();
});
