// Full names and the abbreviations banks print, in English, German, French, Dutch and Spanish, keyed
// without accents or a trailing dot. No key means two different months in two languages.
const NAMES: [month: number, names: string][] = [
  [1, 'jan january januar janv janvier januari ene enero'],
  [2, 'feb february februar fev fevr fevrier februari febrero'],
  [3, 'mar march maer marz maerz mars mrt maart marzo'],
  [4, 'apr april avr avril abr abril'],
  [5, 'may mai mei mayo'],
  [6, 'jun june juni juin junio'],
  [7, 'jul july juli juil juillet julio'],
  [8, 'aug august aout augustus ago agosto'],
  [9, 'sep sept september septembre set septiembre'],
  [10, 'oct october okt oktober octobre octubre'],
  [11, 'nov november novembre noviembre'],
  [12, 'dec december dez dezember decembre dic diciembre'],
];

const MONTHS = new Map<string, number>();
for (const [month, names] of NAMES) {
  for (const name of names.split(' ')) MONTHS.set(name, month);
}

/** 'Jan', 'März', 'févr.', 'mrt' -> 1..12; undefined for anything else. */
export function monthFromName(name: string): number | undefined {
  const key = name
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/ä/g, 'ae')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  return MONTHS.get(key);
}
