import type { CreateRuleInput, Rule, RuleCondition } from '../../lib/schemas';

/** A rule as the form holds it: text in every field, blanks for what is not used. */
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

export function draftFromRule(rule: Rule): RuleDraft {
  return {
    name: rule.name,
    position: String(rule.position),
    conditions: rule.conditions.map((condition) => ({ ...condition })),
    amountMin: rule.amountMin ?? '',
    amountMax: rule.amountMax ?? '',
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

/** The draft as the shared rule schemas take it. */
export function ruleValues(draft: RuleDraft): CreateRuleInput {
  return {
    name: draft.name,
    position: draft.position.trim() === '' ? undefined : Number(draft.position),
    conditions: draft.conditions,
    amountMin: blankToUndefined(draft.amountMin),
    amountMax: blankToUndefined(draft.amountMax),
    type: draft.type || undefined,
    accountId: idOf(draft.accountId),
    actions: {
      categoryId: idOf(draft.categoryId),
      renamePayee: blankToUndefined(draft.renamePayee),
      appendNote: blankToUndefined(draft.appendNote),
    },
  };
}
