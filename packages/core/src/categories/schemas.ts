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

export const createCategoryInput = z.strictObject({ name: categoryName });
export type CreateCategoryInput = z.input<typeof createCategoryInput>;

export const renameCategoryInput = z.strictObject({ id, name: categoryName });
export type RenameCategoryInput = z.input<typeof renameCategoryInput>;

export interface Category {
  id: number;
  name: string;
  createdAt: string;
  updatedAt: string;
}
