import type { FieldErrors } from '../../lib/errors';
import { formatAmountInput, readAmount } from '../../lib/locale-numbers';
import type { CreateRuleInput, Rule, RuleCondition } from '../../lib/schemas';

/** A rule as the form holds it: text in every field (amounts as the user's locale writes them), blanks for what is not used. */
export interface RuleDraft {
  name: string;
  position: string;
  conditions: RuleCondition[];
  amountMin: string;
  amountMax: string;
  type: '' | 'INCOME' | 'EXPENSE';
  accountId: string;
  categoryId: string;
  renamePayee: string;
  appendNote: string;
}

export const emptyCondition = (): RuleCondition => ({ field: 'payee', operator: 'contains', value: '' });

export function draftFromRule(rule: Rule, locale: string): RuleDraft {
  return {
    name: rule.name,
    position: String(rule.position),
    conditions: rule.conditions.map((condition) => ({ ...condition })),
    amountMin: rule.amountMin ? formatAmountInput(rule.amountMin, locale) : '',
    amountMax: rule.amountMax ? formatAmountInput(rule.amountMax, locale) : '',
    type: rule.type ?? '',
    accountId: rule.accountId === undefined ? '' : String(rule.accountId),
    categoryId: rule.actions.categoryId === undefined ? '' : String(rule.actions.categoryId),
    renamePayee: rule.actions.renamePayee ?? '',
    appendNote: rule.actions.appendNote ?? '',
  };
}

/**
 * A new rule from a transaction (the rules page's query: `payee` or `note`, and `category`): "payee equals
 * REWE Markt → Groceries". Without either, an empty rule with one blank condition.
 */
export function draftFromQuery(query: URLSearchParams): RuleDraft {
  const payee = query.get('payee')?.trim() ?? '';
  const note = query.get('note')?.trim() ?? '';
  const category = query.get('category') ?? '';
  const condition: RuleCondition = payee
    ? { field: 'payee', operator: 'equals', value: payee }
    : note
      ? { field: 'note', operator: 'contains', value: note }
      : emptyCondition();
  return {
    name: (payee || note).slice(0, 100),
    position: '0',
    conditions: [condition],
    amountMin: '',
    amountMax: '',
    type: '',
    accountId: '',
    categoryId: /^\d+$/.test(category) ? category : '',
    renamePayee: '',
    appendNote: '',
  };
}

const blankToUndefined = (text: string) => (text.trim() === '' ? undefined : text);
const idOf = (text: string) => (text === '' ? undefined : Number(text));

/** A typed amount as a decimal string; what cannot be read goes as typed, for the schema to refuse. */
function amountOf(text: string, locale: string): string | undefined {
  const reading = readAmount(text, locale);
  return reading.ok ? reading.amount : text;
}

/** Cents of a decimal string, exactly. */
const centsOf = (amount: string) => BigInt(amount.replace('.', ''));

/**
 * What the form can tell about the amounts before sending: one it cannot read ("12,3,4"), or a range that is
 * the wrong way round. Sentences that say what to do, at their fields.
 */
export function amountErrors(draft: RuleDraft, locale: string): FieldErrors {
  const errors: FieldErrors = {};
  const min = readAmount(draft.amountMin, locale);
  const max = readAmount(draft.amountMax, locale);
  if (!min.ok) errors.amountMin = [min.message];
  if (!max.ok) errors.amountMax = [max.message];
  if (min.ok && max.ok && min.amount && max.amount && centsOf(min.amount) > centsOf(max.amount)) {
    errors.amountMax = ['Make this at least as large as “Amount at least”, or leave it blank.'];
  }
  return errors;
}

/** The draft as the shared rule schemas take it. */
export function ruleValues(draft: RuleDraft, locale: string): CreateRuleInput {
  return {
    name: draft.name,
    position: draft.position.trim() === '' ? undefined : Number(draft.position),
    conditions: draft.conditions,
    amountMin: amountOf(draft.amountMin, locale),
    amountMax: amountOf(draft.amountMax, locale),
    type: draft.type || undefined,
    accountId: idOf(draft.accountId),
    actions: {
      categoryId: idOf(draft.categoryId),
      renamePayee: blankToUndefined(draft.renamePayee),
      appendNote: blankToUndefined(draft.appendNote),
    },
  };
}
