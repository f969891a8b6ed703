/** Field limits shared by the database schema and the zod input schemas, so the two cannot drift. */
export const USERNAME_MAX_LENGTH = 150;
export const EMAIL_MAX_LENGTH = 254;
export const CATEGORY_NAME_MAX_LENGTH = 100;
export const NOTE_MAX_LENGTH = 1000;
