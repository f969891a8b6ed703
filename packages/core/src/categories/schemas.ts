import { z } from 'zod';
import { CATEGORY_NAME_MAX_LENGTH } from '../limits';
import { id } from '../validation/ids';

export const categoryName = z
  .string({ error: 'This field is required.' })
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
