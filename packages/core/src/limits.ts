/** Field limits shared by the database schema and the zod input schemas, so the two cannot drift. */
export const USERNAME_MAX_LENGTH = 150;
export const EMAIL_MAX_LENGTH = 254;
export const CATEGORY_NAME_MAX_LENGTH = 100;
export const NOTE_MAX_LENGTH = 1000;
export const PAYEE_MAX_LENGTH = 200;
export const ACCOUNT_NAME_MAX_LENGTH = 100;
export const RULE_NAME_MAX_LENGTH = 100;
/** The longest IANA time zone name is 32 characters (America/Argentina/ComodRivadavia). */
export const TIME_ZONE_MAX_LENGTH = 64;
export const USER_AGENT_MAX_LENGTH = 200;
export const API_TOKEN_NAME_MAX_LENGTH = 100;

/** Quotas per user: beyond them a create is refused (or, for sessions, the oldest one ends). */
export const QUOTAS = {
  categories: 1000,
  budgets: 200,
  apiTokens: 100,
  sessions: 50,
  accounts: 200,
  rules: 200,
  imports: 1000,
};
