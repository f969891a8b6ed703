import { toCents } from '../validation/money';
import type { RuleActions, RuleCondition, RuleMatch } from './schemas';

/** What a rule looks at in a transaction (or a row about to be imported). */
export interface RuleSubject {
  payee: string;
  note: string;
  amount: string;
  type: 'INCOME' | 'EXPENSE';
  accountId: number;
}

/**
 * `*` (any run) and `?` (any one character) against the whole text, ignoring case. The classic greedy
 * matcher with one backtrack point: O(text × pattern) at worst (1,000 × 100 steps for the longest note and
 * pattern), never exponential, whatever the pattern — which is why rules take patterns and not regular
 * expressions.
 */
export function globMatches(pattern: string, text: string): boolean {
  const p = pattern.toLowerCase();
  const t = text.toLowerCase();
  let pi = 0;
  let ti = 0;
  let star = -1;
  let resume = 0;
  while (ti < t.length) {
    if (pi < p.length && p[pi] === '*') {
      star = pi++;
      resume = ti;
    } else if (pi < p.length && (p[pi] === '?' || p[pi] === t[ti])) {
      pi++;
      ti++;
    } else if (star !== -1) {
      pi = star + 1;
      ti = ++resume;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

function conditionHolds(condition: RuleCondition, subject: RuleSubject): boolean {
  const text = subject[condition.field];
  switch (condition.operator) {
    case 'contains':
      return text.toLowerCase().includes(condition.value.toLowerCase());
    case 'equals':
      return text.trim().toLowerCase() === condition.value.toLowerCase();
    case 'matches':
      return globMatches(condition.value, text.trim());
  }
}

/** Whether every condition of the rule holds for the subject. */
export function ruleMatches(rule: RuleMatch, subject: RuleSubject): boolean {
  if (rule.type !== undefined && rule.type !== subject.type) return false;
  if (rule.accountId !== undefined && rule.accountId !== subject.accountId) return false;
  if (rule.amountMin !== undefined || rule.amountMax !== undefined) {
    const cents = toCents(subject.amount);
    if (rule.amountMin !== undefined && cents < toCents(rule.amountMin)) return false;
    if (rule.amountMax !== undefined && cents > toCents(rule.amountMax)) return false;
  }
  return rule.conditions.every((condition) => conditionHolds(condition, subject));
}

export interface RuleOutcome {
  categoryId?: number;
  payee: string;
  note: string;
}

/** The note with the text added once (applying a rule again does not add it again). */
function appendOnce(note: string, text: string, maxLength: number): string {
  if (note.toLowerCase().includes(text.toLowerCase())) return note;
  return (note ? `${note} ${text}` : text).slice(0, maxLength);
}

/**
 * Runs the rules in order over a subject: each matching rule's actions apply, a later rule's category or
 * payee replacing an earlier one's. Conditions see the subject as the earlier rules left it, so a rule can
 * build on a renamed payee.
 */
export function applyRuleActions(
  rules: readonly (RuleMatch & { actions: RuleActions })[],
  subject: RuleSubject,
  noteMaxLength: number,
): RuleOutcome {
  const outcome: RuleOutcome = { payee: subject.payee, note: subject.note };
  for (const rule of rules) {
    if (!ruleMatches(rule, { ...subject, payee: outcome.payee, note: outcome.note })) continue;
    const { categoryId, renamePayee, appendNote } = rule.actions;
    if (categoryId !== undefined) outcome.categoryId = categoryId;
    if (renamePayee !== undefined) outcome.payee = renamePayee;
    if (appendNote !== undefined) outcome.note = appendOnce(outcome.note, appendNote, noteMaxLength);
  }
  return outcome;
}
