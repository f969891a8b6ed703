import { z } from 'zod';
import { CATEGORY_NAME_MAX_LENGTH } from '../limits';
import { id } from '../validation/ids';

/**
 * Characters nobody sees: a name that differs from another only by them is the same name to a person.
 * A zero-width joiner inside an emoji sequence (👨‍👩‍👧) is part of the emoji and stays.
 */
const INVISIBLE =
  /[\u00AD\u180E\u200B\u200C\u2060\uFEFF]|(?<!\p{Extended_Pictographic}\uFE0F?)\u200D|\u200D(?!\p{Extended_Pictographic})/gu;

/**
 * A category name as it is stored and compared: NFKC-normalised (a full-width `Ｆｏｏｄ` is `Food`), without
 * invisible characters, trimmed. Uniqueness then ignores case in the database.
 */
export function normaliseName(name: string): string {
  return name.normalize('NFKC').replace(INVISIBLE, '');
}

export const categoryName = z
  .string({ error: 'This field is required.' })
  .overwrite(normaliseName)
  .trim()
  .min(1, { error: 'This field may not be blank.' })
  .max(CATEGORY_NAME_MAX_LENGTH, {
    error: `Ensure this field has no more than ${CATEGORY_NAME_MAX_LENGTH} characters.`,
  });

export const CATEGORY_KINDS = ['INCOME', 'EXPENSE'] as const;
export type CategoryKind = (typeof CATEGORY_KINDS)[number];

/** INCOME or EXPENSE steers the forms to offer it for that side only; null (the default) offers it for both. */
export const categoryKind = z
  .enum(CATEGORY_KINDS, { error: 'Choose INCOME, EXPENSE or null (either).' })
  .nullable();

export const createCategoryInput = z.strictObject({ name: categoryName, kind: categoryKind.optional() });
export type CreateCategoryInput = z.input<typeof createCategoryInput>;

export const renameCategoryInput = z.strictObject({ id, name: categoryName });
export type RenameCategoryInput = z.input<typeof renameCategoryInput>;

export const updateCategoryInput = z.strictObject({
  id,
  name: categoryName.optional(),
  kind: categoryKind.optional(),
});
export type UpdateCategoryInput = z.input<typeof updateCategoryInput>;

export const deleteCategoryInput = z.strictObject({
  id,
  /** Moves the category's transactions (and its budget, rules and series) here first, in one transaction. */
  reassignTo: id.optional(),
});
export type DeleteCategoryInput = z.input<typeof deleteCategoryInput>;

export const mergeCategoriesInput = z.strictObject({
  /** The category that goes away. */
  id,
  /** The category that receives its transactions, budget, rules and recurring series. */
  into: id,
});
export type MergeCategoriesInput = z.input<typeof mergeCategoriesInput>;

export interface CategoryMerge {
  /** The category that remains. */
  id: number;
  /** How many transactions moved into it. */
  moved: number;
}

export interface Category {
  id: number;
  name: string;
  kind: CategoryKind | null;
  /** How many of the user's transactions are filed under it. */
  transactionCount: number;
  createdAt: string;
  updatedAt: string;
}
