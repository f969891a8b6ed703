import { z } from 'zod';
import { RULE_NAME_MAX_LENGTH } from '../limits';
import { payee, transactionType } from '../transactions/schemas';
import { id } from '../validation/ids';
import { money } from '../validation/money';

export const RULE_FIELDS = ['payee', 'note'] as const;
export const RULE_OPERATORS = ['contains', 'equals', 'matches'] as const;
export const RULE_MAX_CONDITIONS = 5;
/**
 * The longest condition value. A `matches` pattern costs at most its length times the text's per row (the
 * matcher never backtracks further), so this, the conditions per rule and the rules per user bound what one
 * user's rules can cost an import; the import also gives up past a time budget (imports/service.ts).
 */
export const RULE_PATTERN_MAX_LENGTH = 100;

export const ruleCondition = z.strictObject({
  field: z.enum(RULE_FIELDS, { error: 'Use payee or note.' }),
  /**
   * `contains` and `equals` ignore case; `matches` takes a pattern where `*` is any run of characters and
   * `?` any one character (no regular expressions: a pattern is matched in time linear in its text, so no
   * rule can stall an import).
   */
  operator: z.enum(RULE_OPERATORS, { error: 'Use contains, equals or matches.' }),
  value: z
    .string({ error: 'Not a valid string.' })
    .trim()
    .min(1, { error: 'This field may not be blank.' })
    .max(RULE_PATTERN_MAX_LENGTH, {
      error: `Ensure this field has no more than ${RULE_PATTERN_MAX_LENGTH} characters.`,
    }),
});
/** Written out rather than inferred: the typed client's declarations must not need zod. */
export interface RuleCondition {
  field: (typeof RULE_FIELDS)[number];
  operator: (typeof RULE_OPERATORS)[number];
  value: string;
}

export const ruleActions = z
  .strictObject({
    categoryId: id.optional(),
    /** The payee becomes this ("AMZN MKTP US*2K3" -> "Amazon"). */
    renamePayee: payee
      .refine((text) => text.length > 0, { error: 'This field may not be blank.' })
      .optional(),
    /** Added to the end of the note, once. */
    appendNote: z.string().trim().min(1).max(200).optional(),
  })
  .refine((actions) => Object.values(actions).some((value) => value !== undefined), {
    error: 'Give at least one action: categoryId, renamePayee or appendNote.',
  });
export interface RuleActions {
  categoryId?: number;
  renamePayee?: string;
  appendNote?: string;
}

const ruleFields = z.strictObject({
  name: z
    .string({ error: 'Not a valid string.' })
    .trim()
    .min(1, { error: 'This field may not be blank.' })
    .max(RULE_NAME_MAX_LENGTH, {
      error: `Ensure this field has no more than ${RULE_NAME_MAX_LENGTH} characters.`,
    }),
  /** Rules run in ascending position (then creation); a later rule's action wins. */
  position: z.number().int().min(0).max(100_000).default(0),
  conditions: z.array(ruleCondition).max(RULE_MAX_CONDITIONS).default([]),
  amountMin: money.optional(),
  amountMax: money.optional(),
  type: transactionType.optional(),
  accountId: id.optional(),
  actions: ruleActions,
});

type RuleFields = z.output<typeof ruleFields>;

function checkRule(rule: Partial<RuleFields>, ctx: z.RefinementCtx) {
  const { conditions = [], amountMin, amountMax, type, accountId } = rule;
  if (conditions.length === 0 && !amountMin && !amountMax && !type && accountId === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['conditions'],
      message: 'Give at least one condition, or the rule would change every transaction.',
    });
  }
  if (amountMin && amountMax && Number(amountMin) > Number(amountMax)) {
    ctx.addIssue({ code: 'custom', path: ['amountMax'], message: 'Must be at least amountMin.' });
  }
}

export const createRuleInput = ruleFields.superRefine(checkRule);
export type CreateRuleInput = z.input<typeof createRuleInput>;

export const replaceRuleInput = ruleFields.extend({ id }).superRefine(checkRule);
export type ReplaceRuleInput = z.input<typeof replaceRuleInput>;

export const updateRuleInput = ruleFields
  .partial()
  .extend({ id })
  .superRefine((input, ctx) => {
    if (input.amountMin && input.amountMax && Number(input.amountMin) > Number(input.amountMax)) {
      ctx.addIssue({ code: 'custom', path: ['amountMax'], message: 'Must be at least amountMin.' });
    }
  });
export type UpdateRuleInput = z.input<typeof updateRuleInput>;

export const applyRuleInput = z.strictObject({
  id,
  /** Count what would change, and change nothing. */
  dryRun: z.boolean().default(false),
});
export type ApplyRuleInput = z.input<typeof applyRuleInput>;

/** What a rule tests, as stored. */
export interface RuleMatch {
  conditions: RuleCondition[];
  amountMin?: string;
  amountMax?: string;
  type?: 'INCOME' | 'EXPENSE';
  accountId?: number;
}

export interface Rule extends RuleMatch {
  id: number;
  name: string;
  position: number;
  actions: RuleActions;
  createdAt: string;
  updatedAt: string;
}

export interface RuleApplication {
  /** Transactions the rule's conditions match. */
  matched: number;
  /** Of those, the ones its actions change (or would change, on a dry run). */
  changed: number;
  dryRun: boolean;
}
