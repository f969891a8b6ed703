/**
 * A payee or note reduced to what identifies the counterparty: lower case, accents off, and without the
 * tokens that change from one payment to the next (card numbers, references, dates: anything with a
 * digit). "AMZN Mktp US*2K3 4411" and "amzn mktp us*9Q1" both become "amzn mktp us".
 */
export function payeeKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token !== '' && !/\d/.test(token))
    .join(' ');
}

/**
 * Whether two descriptions plausibly name the same payment: equal or one inside the other once reduced,
 * or sharing at least half their words. A side with no words at all (a transaction typed in with no
 * payee or note) is compatible with anything: the date, amount and direction already matched.
 */
export function similarDescriptions(a: string, b: string): boolean {
  if (a === '' || b === '') return true;
  if (a === b || a.includes(b) || b.includes(a)) return true;
  const wordsA = new Set(a.split(' '));
  const wordsB = new Set(b.split(' '));
  let shared = 0;
  for (const word of wordsA) if (wordsB.has(word)) shared++;
  return shared * 2 >= Math.min(wordsA.size, wordsB.size);
}
