type Cents = readonly (number | null)[];

/**
 * Whether `balances` is the running balance after each of `amounts`, for rows listed oldest first or
 * newest first: consecutive balances differ by the amount of the later (or the earlier) row. This tells a
 * headerless "amount, balance" pair apart, where both columns hold signed money.
 */
export function isRunningBalance(amounts: Cents, balances: Cents): boolean {
  let pairs = 0;
  let matches = 0;
  for (let index = 1; index < balances.length; index++) {
    const before = balances[index - 1];
    const after = balances[index];
    if (before == null || after == null) continue;
    pairs++;
    const step = after - before;
    if (step === amounts[index] || -step === amounts[index - 1]) matches++;
  }
  return pairs > 0 && matches >= pairs * 0.8;
}

/** Whether each row's balance after minus its balance before is its amount (ABN AMRO prints both). */
export function isBalanceAround(amounts: Cents, before: Cents, after: Cents): boolean {
  let rows = 0;
  let matches = 0;
  for (let index = 0; index < amounts.length; index++) {
    const amount = amounts[index];
    const from = before[index];
    const to = after[index];
    if (amount == null || from == null || to == null) continue;
    rows++;
    if (to - from === amount) matches++;
  }
  return rows > 0 && matches >= rows * 0.8;
}
