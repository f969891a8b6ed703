/**
 * What a column holds, as told by its header, in English, German, French, Dutch and Spanish. Names are
 * compared normalised (see `normalizeHeader`): lower case, no accents, umlauts spelled out, punctuation
 * and currency words dropped, so "Betrag (EUR)", "Débit euros" and "Begünstigter/Zahlungspflichtiger"
 * meet "betrag", "debit" and "beguenstigter zahlungspflichtiger".
 */
export type HeaderRole =
  | 'date'
  | 'amount'
  | 'debit'
  | 'credit'
  | 'balance'
  | 'type'
  | 'payee'
  | 'payer'
  | 'description'
  | 'category';

// Each list is in order of preference: the free-text purpose before the bank's booking label.
const SYNONYMS: Record<HeaderRole, string[]> = {
  date: [
    'transaction date',
    'trans date',
    'txn date',
    'buchungstag',
    'buchungsdatum',
    'buchung',
    'booking date',
    'date',
    'datum',
    'fecha',
    'date operation',
    'date de l operation',
    'date op',
    'fecha operacion',
    'fecha de operacion',
    'f operacion',
    'f operativa',
    'data operazione',
    'data contabile',
    'transactiedatum',
    'boekdatum',
    'boekingsdatum',
    'started date',
    'posting date',
    'posted date',
    'post date',
    'date posted',
    'completed date',
    'date comptable',
    'fecha contable',
    'bokforingsdatum',
    'bokfoeringsdatum',
    'bokforingsdag',
    'bokfoeringsdag',
    'transaktionsdatum',
    'transaktionsdag',
    'reskontradatum',
    'bogfoeringsdato',
    'bogfoert',
    'bokfoert',
    'dato',
  ],
  amount: [
    'amount',
    'betrag',
    'montant',
    'bedrag',
    'importe',
    'transaction amount',
    'umsatz',
    'montant de l operation',
    'montant operation',
    'monto',
    'importo',
    'belopp',
    'beloeb',
    'beloep',
    'net amount',
    'amt',
  ],
  debit: [
    'debit',
    'debit amount',
    'debits',
    'paid out',
    'money out',
    'withdrawal',
    'withdrawals',
    'withdrawal amount',
    'soll',
    'debet',
    'cargo',
    'cargos',
    'out',
    'spent',
    'uitgaven',
    'ausgaben',
    'lastschrift',
    'belastung',
    'amount debit',
    'outflow',
    'uscite',
  ],
  credit: [
    'credit',
    'credit amount',
    'credits',
    'paid in',
    'money in',
    'deposit',
    'deposits',
    'deposit amount',
    'haben',
    'abono',
    'abonos',
    'in',
    'received',
    'inkomsten',
    'einnahmen',
    'gutschrift',
    'amount credit',
    'inflow',
    'entrate',
  ],
  balance: [
    'balance',
    'saldo',
    'solde',
    'kontostand',
    'running balance',
    'running bal',
    'available balance',
    'saldo na mutatie',
    'saldo nach buchung',
    'disponible',
    'closing balance',
    'account balance',
    'new balance',
    'saldo disponible',
  ],
  type: [
    'af bij',
    'debit credit',
    'credit debit',
    'dr cr',
    'cr dr',
    'soll haben',
    's h',
    'd c',
    'umsatztyp',
    'direction',
    'sens',
    'details',
    'type',
    'transaction type',
  ],
  payee: [
    'payee',
    'name',
    'payee name',
    'beneficiary',
    'beneficiario',
    'counterparty',
    'counter party',
    'merchant',
    'merchant name',
    'recipient',
    'auftraggeber empfaenger',
    'auftraggeber beguenstigter',
    'beguenstigter auftraggeber',
    'beguenstigter zahlungspflichtiger',
    'name zahlungsbeteiligter',
    'zahlungsempfaenger',
    'zahlungsempfaenger in',
    'empfaenger',
    'beguenstigter',
    'naam omschrijving',
    'naam',
    'naam tegenpartij',
    'tegenpartij',
    'nom',
    'tiers',
    'beneficiaire',
    'ordenante',
    'supplier found',
    'mottagare',
    'mottaker',
    'modtager',
  ],
  // A second counterparty column, for banks that keep the payer apart from the recipient (DKB).
  payer: ['zahlungspflichtige r', 'zahlungspflichtiger', 'auftraggeber', 'payer'],
  // Descriptive text first (it names the counterparty when there is no payee column), free-text memo next.
  description: [
    'description',
    'transaction description',
    'transaction details',
    'libelle',
    'libelle operation',
    'libelle court',
    'detail de l ecriture',
    'concepto',
    'descripcion',
    'omschrijving',
    'beschreibung',
    'buchungsdetails',
    'descrizione',
    'mas datos',
    'narrative',
    'particulars',
    'label',
    'verwendungszweck',
    'mededelingen',
    'memo',
    'notes',
    'note',
    'remarks',
    'comment',
    'comments',
    'observaciones',
    'detalle',
    'purpose',
    'payment reference',
    'reference',
    'remittance information',
    'text',
    'info',
    'buchungstext',
    'umsatzart',
    'avisierungstext',
    'vorgang',
    'movimiento',
  ],
  category: ['category', 'kategorie', 'categorie', 'categoria', 'rubrique', 'category name'],
};

// Value dates rank after every booking date, however that one is named, so they are used only when alone.
const VALUE_DATES = [
  'valutadatum',
  'wertstellungsdatum',
  'wertstellung valuta',
  'valuta',
  'wertstellung',
  'wert',
  'value date',
  'date de valeur',
  'date valeur',
  'date val',
  'fecha valor',
  'f valor',
  'rentedatum',
  'rentedato',
  'valutadag',
  'data valuta',
];

// A header that only contains one of these words still says what it is, below every exact name.
const WORDS: [role: HeaderRole, words: string[]][] = [
  ['balance', ['balance', 'saldo', 'solde', 'kontostand']],
  ['date', ['date', 'datum', 'fecha', 'dato', 'data']],
  ['amount', ['amount', 'betrag', 'montant', 'bedrag', 'importe']],
  ['debit', ['debit', 'soll', 'withdrawal', 'withdrawals']],
  ['credit', ['credit', 'haben', 'deposit', 'deposits']],
  [
    'payee',
    ['payee', 'name', 'naam', 'empfaenger', 'beguenstigter', 'beneficiary', 'beneficiario', 'merchant'],
  ],
  [
    'description',
    [
      'description',
      'memo',
      'note',
      'notes',
      'verwendungszweck',
      'libelle',
      'reference',
      'omschrijving',
      'beschreibung',
    ],
  ],
  ['category', ['category', 'kategorie', 'categorie', 'categoria']],
];
// "Account Name", "Kontoname", "Card Member": about the statement's own account, not the counterparty.
const OWN_ACCOUNT_WORDS = new Set([
  'account',
  'konto',
  'kontoname',
  'card',
  'rekening',
  'compte',
  'cuenta',
  'iban',
]);
// Value dates rank after booking dates; a header with one of these words alone is still a date.
const VALUE_DATE_WORDS = new Set([
  'valeur',
  'valor',
  'value',
  'valuta',
  'wert',
  'val',
  'wertstellung',
  'valutadatum',
]);
// Germanic compounds end in their date word: "Transaktionsdatum", "Bokföringsdatum", "Bogføringsdato".
const COMPOUND_DATE = /^[a-z]{3,}(?:datum|dato)$/;
// ... and a value date starts with its word: "Valutadag", "Rentedato", "Wertstellungstag".
const COMPOUND_VALUE_DATE = /^(?:valuta|wert|rente|valor)[a-z]*(?:datum|dato|dag|tag)$/;

const CURRENCY_WORDS = new Set([
  'eur',
  'euro',
  'euros',
  'usd',
  'gbp',
  'chf',
  'aud',
  'cad',
  'nzd',
  'sek',
  'nok',
  'dkk',
]);

/** Exact names rank by their place in the list; a header that merely contains a telling word ranks after. */
const WORD_RANK = 1000;
/** Value dates, exact or not, rank after every other date. */
const VALUE_DATE_RANK = 2 * WORD_RANK;

const RANKS = new Map<string, { role: HeaderRole; rank: number }[]>();
function addRanks(role: HeaderRole, names: readonly string[], first: number): void {
  names.forEach((name, index) => {
    const entries = RANKS.get(name) ?? [];
    entries.push({ role, rank: first + index });
    RANKS.set(name, entries);
  });
}
for (const [role, names] of Object.entries(SYNONYMS) as [HeaderRole, string[]][]) addRanks(role, names, 0);
addRanks('date', VALUE_DATES, VALUE_DATE_RANK);

/**
 * "Betrag (EUR)" and "Betrag in EUR" -> "betrag", "Begünstigter/Zahlungspflichtiger" -> "beguenstigter
 * zahlungspflichtiger", "dateOp" -> "date op", "Beschreibung1" -> "beschreibung 1".
 */
export function normalizeHeader(header: string): string {
  const words = header
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/ø/g, 'oe')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z])(\d)/g, '$1 $2')
    .split(/[^a-z0-9]+/);
  const kept: string[] = [];
  for (const word of words) {
    if (word === '') continue;
    if (CURRENCY_WORDS.has(word)) {
      if (kept.at(-1) === 'in' || kept.at(-1) === 'en') kept.pop();
      continue;
    }
    kept.push(word);
  }
  return kept.join(' ');
}

export interface RoleMatch {
  role: HeaderRole;
  /** Lower is better. */
  rank: number;
}

/** Every role a header could name, best first within each role. */
export function rolesOfHeader(header: string): RoleMatch[] {
  const normalized = normalizeHeader(header);
  if (normalized === '') return [];
  const exact = RANKS.get(normalized);
  if (exact) return exact;
  const words = new Set(normalized.split(' '));
  const ownAccount = [...words].some((word) => OWN_ACCOUNT_WORDS.has(word));
  const matches: RoleMatch[] = [];
  for (const [role, telling] of WORDS) {
    if (ownAccount && (role === 'payee' || role === 'description')) continue;
    const valueDate =
      role === 'date' &&
      [...words].some((word) => VALUE_DATE_WORDS.has(word) || COMPOUND_VALUE_DATE.test(word));
    const compoundDate = role === 'date' && [...words].some((word) => COMPOUND_DATE.test(word));
    if (!valueDate && !compoundDate && !telling.some((word) => words.has(word))) continue;
    if (role === 'amount' && matches.some((match) => match.role === 'balance')) continue;
    matches.push({ role, rank: valueDate ? VALUE_DATE_RANK + WORD_RANK : WORD_RANK });
  }
  return matches;
}
