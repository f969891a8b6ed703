import { sql } from 'drizzle-orm';
import { bigint, char, check, integer, pgTable, text, varchar } from 'drizzle-orm/pg-core';
import { EMAIL_MAX_LENGTH, TIME_ZONE_MAX_LENGTH, USERNAME_MAX_LENGTH } from '../../limits';
import { utcTimestamp } from '../timestamps';

export const users = pgTable(
  'users',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    username: varchar({ length: USERNAME_MAX_LENGTH }).notNull(),
    // Stored trimmed and lower-cased by the accounts service; the check keeps raw SQL honest too.
    email: varchar({ length: EMAIL_MAX_LENGTH }).notNull(),
    passwordHash: text().notNull(),
    preferredCurrency: char({ length: 3 }).notNull().default('USD'),
    // An IANA zone: it decides what "this month" and "today" mean for the user everywhere.
    timeZone: varchar({ length: TIME_ZONE_MAX_LENGTH }).notNull().default('UTC'),
    // A BCP 47 tag for how amounts and dates are written; null follows the browser.
    locale: varchar({ length: 35 }),
    // TOTP: the confirmed secret (2FA is on when set), one waiting for its first code, and the last time
    // step a code was accepted for, so no code works twice.
    totpSecret: text(),
    totpPendingSecret: text(),
    totpLastStep: bigint({ mode: 'number' }),
    createdAt: utcTimestamp().notNull().defaultNow(),
    updatedAt: utcTimestamp().notNull().defaultNow(),
  },
  (t) => [
    // No unique email or username here: a table split by user cannot hold a rule across users, so both
    // are claimed in user_lookups, which login also finds the user by ("Alice" and "alice" are one name).
    check('users_email_normalised', sql`${t.email} = lower(btrim(${t.email}))`),
    check('users_currency_iso4217', sql`${t.preferredCurrency} ~ '^[A-Z]{3}$'`),
  ],
);
