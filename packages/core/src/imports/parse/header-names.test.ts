import { describe, expect, it } from 'vitest';
import { type HeaderRole, normalizeHeader, rolesOfHeader } from './header-names';

const bestRole = (header: string) => rolesOfHeader(header)[0]?.role;

describe('header names', () => {
  it('compare without case, accents, umlauts, punctuation, currency or camel case', () => {
    expect(normalizeHeader('Betrag (EUR)')).toBe('betrag');
    expect(normalizeHeader('Betrag in EUR')).toBe('betrag');
    expect(normalizeHeader('Débit euros')).toBe('debit');
    expect(normalizeHeader('Begünstigter/Zahlungspflichtiger')).toBe('beguenstigter zahlungspflichtiger');
    expect(normalizeHeader('Beguenstigter/Zahlungspflichtiger')).toBe('beguenstigter zahlungspflichtiger');
    expect(normalizeHeader(' Naam / Omschrijving ')).toBe('naam omschrijving');
    expect(normalizeHeader('dateOp')).toBe('date op');
    expect(normalizeHeader('Beschreibung1')).toBe('beschreibung 1');
  });

  it.each<[string, HeaderRole | undefined]>([
    ['Date', 'date'],
    ['Posting Date', 'date'],
    ['Transaction Date', 'date'],
    ['Buchungstag', 'date'],
    ['Valutadatum', 'date'],
    ['Wertstellung', 'date'],
    ['Date opération', 'date'],
    ['Date de valeur', 'date'],
    ['Datum', 'date'],
    ['Fecha', 'date'],
    ['Fecha valor', 'date'],
    ['Amount', 'amount'],
    ['Betrag', 'amount'],
    ['Betrag (EUR)', 'amount'],
    ['Montant', 'amount'],
    ['Bedrag (EUR)', 'amount'],
    ['Importe', 'amount'],
    ['Soll', 'debit'],
    ['Débit', 'debit'],
    ['Paid out', 'debit'],
    ['Haben', 'credit'],
    ['Crédit', 'credit'],
    ['Paid in', 'credit'],
    ['Af Bij', 'type'],
    ['Saldo', 'balance'],
    ['Solde', 'balance'],
    ['Running Bal.', 'balance'],
    ['Payee', 'payee'],
    ['Auftraggeber / Empfänger', 'payee'],
    ['Beguenstigter/Zahlungspflichtiger', 'payee'],
    ['Name Zahlungsbeteiligter', 'payee'],
    ['Naam / Omschrijving', 'payee'],
    ['Beneficiario', 'payee'],
    ['Description', 'description'],
    ['Memo', 'description'],
    ['Verwendungszweck', 'description'],
    ['Buchungstext', 'description'],
    ['Libellé', 'description'],
    ['Mededelingen', 'description'],
    ['Omschrijving', 'description'],
    ['Concepto', 'description'],
    ['Category', 'category'],
    ['Tegenrekening', undefined],
  ])('reads "%s" as %s', (header, role) => {
    expect(bestRole(header)).toBe(role);
  });

  it('ranks the booking date before the value date', () => {
    const rank = (header: string) => rolesOfHeader(header)[0]?.rank ?? Number.POSITIVE_INFINITY;
    expect(rank('Buchungstag')).toBeLessThan(rank('Valutadatum'));
    expect(rank('Date opération')).toBeLessThan(rank('Date de valeur'));
    expect(rank('Fecha')).toBeLessThan(rank('Fecha valor'));
  });

  it('reads compound date words and ranks every value date after every booking date', () => {
    const rank = (header: string) => rolesOfHeader(header)[0]?.rank ?? Number.POSITIVE_INFINITY;
    expect(bestRole('Bokföringsdatum')).toBe('date');
    expect(bestRole('Transaktionsdatum')).toBe('date');
    expect(bestRole('Bogføringsdato')).toBe('date');
    expect(rank('Bokföringsdatum')).toBeLessThan(rank('Valutadatum'));
    expect(rank('Abschlussdatum')).toBeLessThan(rank('Wertstellung'));
    expect(rank('Valutadag')).toBeGreaterThan(rank('Reskontradatum'));
  });

  it('never reads an own-account header as the counterparty', () => {
    expect(bestRole('Account Name')).toBeUndefined();
    expect(bestRole('Saldo na mutatie')).toBe('balance');
  });
});
