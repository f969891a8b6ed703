CREATE TYPE "public"."account_kind" AS ENUM('CHECKING', 'SAVINGS', 'CREDIT_CARD', 'CASH', 'OTHER');--> statement-breakpoint
CREATE TABLE "account_months" (
	"account_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"month" smallint NOT NULL,
	"net" numeric(18, 2) DEFAULT '0' NOT NULL,
	"transaction_count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "account_months_pkey" PRIMARY KEY("account_id","year","month"),
	CONSTRAINT "account_months_count_non_negative" CHECK ("account_months"."transaction_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "accounts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"user_id" integer NOT NULL,
	"name" varchar(100) NOT NULL,
	"kind" "account_kind" DEFAULT 'CHECKING' NOT NULL,
	"opening_balance" numeric(14, 2) DEFAULT '0' NOT NULL,
	"opening_date" date,
	"archived" boolean DEFAULT false NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_id_user_id_key" UNIQUE("id","user_id"),
	CONSTRAINT "accounts_name_trimmed" CHECK ("accounts"."name" = btrim("accounts"."name") AND char_length("accounts"."name") BETWEEN 1 AND 100),
	CONSTRAINT "accounts_default_not_archived" CHECK (NOT ("accounts"."is_default" AND "accounts"."archived"))
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "imports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"user_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"format" varchar(8) NOT NULL,
	"file_name" text DEFAULT '' NOT NULL,
	"imported" integer DEFAULT 0 NOT NULL,
	"duplicates_skipped" integer DEFAULT 0 NOT NULL,
	"errors" integer DEFAULT 0 NOT NULL,
	"categories_created" integer DEFAULT 0 NOT NULL,
	"first_date" text,
	"last_date" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "imports_counts_non_negative" CHECK ("imports"."imported" >= 0 AND "imports"."duplicates_skipped" >= 0)
);
--> statement-breakpoint
CREATE TABLE "rules" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rules_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"user_id" integer NOT NULL,
	"name" varchar(100) NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"conditions" jsonb NOT NULL,
	"actions" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rules_name_length" CHECK (char_length("rules"."name") BETWEEN 1 AND 100)
);
--> statement-breakpoint
ALTER TABLE "transactions" ALTER COLUMN "category_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "transactions" ADD COLUMN "account_id" integer;--> statement-breakpoint
ALTER TABLE "transactions" ADD COLUMN "payee" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "transactions" ADD COLUMN "transfer_peer_id" integer;--> statement-breakpoint
ALTER TABLE "transactions" ADD COLUMN "import_id" integer;--> statement-breakpoint
ALTER TABLE "account_months" ADD CONSTRAINT "account_months_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_months" ADD CONSTRAINT "account_months_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_account_same_user_fk" FOREIGN KEY ("account_id","user_id") REFERENCES "public"."accounts"("id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rules" ADD CONSTRAINT "rules_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_months_user_idx" ON "account_months" USING btree ("user_id","account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_user_id_name_lower_key" ON "accounts" USING btree ("user_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_one_default_per_user" ON "accounts" USING btree ("user_id") WHERE "accounts"."is_default";--> statement-breakpoint
CREATE INDEX "imports_user_created_idx" ON "imports" USING btree ("user_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "rules_user_position_idx" ON "rules" USING btree ("user_id","position","id");--> statement-breakpoint
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_transfer_peer_id_transactions_id_fk" FOREIGN KEY ("transfer_peer_id") REFERENCES "public"."transactions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Every existing user gets a default account, and every existing transaction moves into it.
INSERT INTO "accounts" ("user_id", "name", "kind", "is_default")
SELECT "id", 'Main account', 'CHECKING', true FROM "users";--> statement-breakpoint
UPDATE "transactions" t SET "account_id" = a."id" FROM "accounts" a WHERE a."user_id" = t."user_id" AND a."is_default";--> statement-breakpoint
ALTER TABLE "transactions" ALTER COLUMN "account_id" SET NOT NULL;--> statement-breakpoint
INSERT INTO "account_months" ("account_id", "user_id", "year", "month", "net", "transaction_count")
SELECT "account_id", "user_id", extract(year FROM "date")::smallint, extract(month FROM "date")::smallint,
       sum(CASE WHEN "type" = 'INCOME' THEN "amount" ELSE -"amount" END), count(*)::integer
  FROM "transactions" GROUP BY 1, 2, 3, 4;--> statement-breakpoint
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_account_same_user_fk" FOREIGN KEY ("account_id","user_id") REFERENCES "public"."accounts"("id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "transactions_account_date_id_idx" ON "transactions" USING btree ("account_id","date" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "transactions_transfer_peer_idx" ON "transactions" USING btree ("transfer_peer_id") WHERE "transactions"."transfer_peer_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "transactions_import_idx" ON "transactions" USING btree ("import_id") WHERE "transactions"."import_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_category_unless_transfer" CHECK (("transactions"."category_id" IS NULL) = ("transactions"."transfer_peer_id" IS NOT NULL));--> statement-breakpoint
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_payee_length" CHECK (char_length("transactions"."payee") <= 200);--> statement-breakpoint
-- Custom SQL: the triggers that keep accounts and their derived data true.
--
-- Every user has a default account from the moment they exist, whatever creates them.
CREATE FUNCTION finsight_users_create_default_account() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO accounts (user_id, name, kind, is_default) VALUES (NEW.id, 'Main account', 'CHECKING', true);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER users_create_default_account
AFTER INSERT ON users
FOR EACH ROW EXECUTE FUNCTION finsight_users_create_default_account();
--> statement-breakpoint
-- A transaction written without an account (a client of the documented API, a script) goes to the user's
-- default account. The WHEN clause means the function is not even called when the account is given.
CREATE FUNCTION finsight_transactions_default_account() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  SELECT id INTO NEW.account_id FROM accounts WHERE user_id = NEW.user_id AND is_default;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER transactions_default_account
BEFORE INSERT ON transactions
FOR EACH ROW WHEN (NEW.account_id IS NULL)
EXECUTE FUNCTION finsight_transactions_default_account();
--> statement-breakpoint
-- account_months follows every write like monthly_summaries does (drizzle/0001 explains the locking): an
-- increment through an upsert when rows arrive, an update (and a delete at zero) when they leave.
CREATE FUNCTION finsight_apply_account_delta(
  p_user_id integer,
  p_account_id integer,
  p_date date,
  p_net numeric,
  p_count integer
) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_year smallint := extract(year FROM p_date)::smallint;
  v_month smallint := extract(month FROM p_date)::smallint;
  v_count integer;
BEGIN
  IF p_count >= 0 THEN
    INSERT INTO account_months AS m (account_id, user_id, year, month, net, transaction_count)
    VALUES (p_account_id, p_user_id, v_year, v_month, p_net, p_count)
    ON CONFLICT (account_id, year, month) DO UPDATE
      SET net = m.net + EXCLUDED.net,
          transaction_count = m.transaction_count + EXCLUDED.transaction_count;
    RETURN;
  END IF;

  UPDATE account_months
     SET net = net + p_net, transaction_count = transaction_count + p_count
   WHERE account_id = p_account_id AND year = v_year AND month = v_month
  RETURNING transaction_count INTO v_count;

  IF NOT FOUND THEN
    -- Deleting a user cascades to accounts and transactions in no fixed order.
    IF NOT EXISTS (SELECT 1 FROM accounts WHERE id = p_account_id) THEN
      RETURN;
    END IF;
    RAISE EXCEPTION 'account_months has no row for account % in %-%; run rebuildSummaries', p_account_id, v_year, v_month
      USING ERRCODE = 'data_exception';
  END IF;

  IF v_count = 0 THEN
    DELETE FROM account_months WHERE account_id = p_account_id AND year = v_year AND month = v_month;
  END IF;
END;
$$;
--> statement-breakpoint
-- The one row trigger of transactions now keeps both kinds of derived data. The two sides of a transfer
-- count as transactions of their month but are neither income nor expense; in an account they move money
-- like any other row.
CREATE OR REPLACE FUNCTION finsight_transactions_maintain_monthly_summary() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_old_income numeric := 0;
  v_old_expense numeric := 0;
  v_new_income numeric := 0;
  v_new_expense numeric := 0;
  v_old_net numeric := 0;
  v_new_net numeric := 0;
  v_old_key integer;
  v_new_key integer;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    IF OLD.transfer_peer_id IS NULL THEN
      v_old_income := CASE WHEN OLD.type = 'INCOME' THEN OLD.amount ELSE 0 END;
      v_old_expense := CASE WHEN OLD.type = 'EXPENSE' THEN OLD.amount ELSE 0 END;
    END IF;
    v_old_net := CASE WHEN OLD.type = 'INCOME' THEN OLD.amount ELSE -OLD.amount END;
    v_old_key := (extract(year FROM OLD.date) * 12 + extract(month FROM OLD.date))::integer;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    IF NEW.transfer_peer_id IS NULL THEN
      v_new_income := CASE WHEN NEW.type = 'INCOME' THEN NEW.amount ELSE 0 END;
      v_new_expense := CASE WHEN NEW.type = 'EXPENSE' THEN NEW.amount ELSE 0 END;
    END IF;
    v_new_net := CASE WHEN NEW.type = 'INCOME' THEN NEW.amount ELSE -NEW.amount END;
    v_new_key := (extract(year FROM NEW.date) * 12 + extract(month FROM NEW.date))::integer;
  END IF;

  IF TG_OP = 'INSERT' THEN
    PERFORM pg_advisory_xact_lock_shared(1718185587, NEW.user_id);
    PERFORM finsight_apply_summary_delta(NEW.user_id, NEW.date, v_new_income, v_new_expense, 1);
    PERFORM finsight_apply_account_delta(NEW.user_id, NEW.account_id, NEW.date, v_new_net, 1);
    RETURN NULL;
  END IF;

  IF TG_OP = 'DELETE' THEN
    PERFORM pg_advisory_xact_lock_shared(1718185587, OLD.user_id);
    PERFORM finsight_apply_summary_delta(OLD.user_id, OLD.date, -v_old_income, -v_old_expense, -1);
    PERFORM finsight_apply_account_delta(OLD.user_id, OLD.account_id, OLD.date, -v_old_net, -1);
    RETURN NULL;
  END IF;

  -- UPDATE
  IF OLD.user_id = NEW.user_id AND v_old_key = v_new_key AND OLD.account_id = NEW.account_id
     AND v_old_income = v_new_income AND v_old_expense = v_new_expense AND v_old_net = v_new_net THEN
    RETURN NULL; -- nothing derived depends on what changed
  END IF;

  PERFORM pg_advisory_xact_lock_shared(1718185587, least(OLD.user_id, NEW.user_id));
  IF OLD.user_id <> NEW.user_id THEN
    PERFORM pg_advisory_xact_lock_shared(1718185587, greatest(OLD.user_id, NEW.user_id));
  END IF;

  -- Summary rows, and then account rows, each pair taken in a fixed order so opposite moves cannot deadlock.
  IF OLD.user_id = NEW.user_id AND v_old_key = v_new_key THEN
    IF v_old_income <> v_new_income OR v_old_expense <> v_new_expense THEN
      PERFORM finsight_apply_summary_delta(NEW.user_id, NEW.date,
        v_new_income - v_old_income, v_new_expense - v_old_expense, 0);
    END IF;
  ELSIF (OLD.user_id, v_old_key) < (NEW.user_id, v_new_key) THEN
    PERFORM finsight_apply_summary_delta(OLD.user_id, OLD.date, -v_old_income, -v_old_expense, -1);
    PERFORM finsight_apply_summary_delta(NEW.user_id, NEW.date, v_new_income, v_new_expense, 1);
  ELSE
    PERFORM finsight_apply_summary_delta(NEW.user_id, NEW.date, v_new_income, v_new_expense, 1);
    PERFORM finsight_apply_summary_delta(OLD.user_id, OLD.date, -v_old_income, -v_old_expense, -1);
  END IF;

  IF OLD.account_id = NEW.account_id AND v_old_key = v_new_key THEN
    IF v_old_net <> v_new_net THEN
      PERFORM finsight_apply_account_delta(NEW.user_id, NEW.account_id, NEW.date, v_new_net - v_old_net, 0);
    END IF;
  ELSIF (OLD.account_id, v_old_key) < (NEW.account_id, v_new_key) THEN
    PERFORM finsight_apply_account_delta(OLD.user_id, OLD.account_id, OLD.date, -v_old_net, -1);
    PERFORM finsight_apply_account_delta(NEW.user_id, NEW.account_id, NEW.date, v_new_net, 1);
  ELSE
    PERFORM finsight_apply_account_delta(NEW.user_id, NEW.account_id, NEW.date, v_new_net, 1);
    PERFORM finsight_apply_account_delta(OLD.user_id, OLD.account_id, OLD.date, -v_old_net, -1);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Inserts now skip the row trigger too while a caller maintains a user's derived data itself in bulk (an
-- import: drizzle/0003 describes the setting), and moving a row between accounts is maintained.
DROP TRIGGER transactions_maintain_monthly_summary ON transactions;
--> statement-breakpoint
CREATE TRIGGER transactions_maintain_monthly_summary
AFTER INSERT OR UPDATE OF user_id, account_id, type, amount, date, transfer_peer_id ON transactions
FOR EACH ROW
WHEN (current_setting('finsight.clearing_user', true) IS DISTINCT FROM NEW.user_id::text)
EXECUTE FUNCTION finsight_transactions_maintain_monthly_summary();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION finsight_transactions_truncate_monthly_summaries() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM monthly_summaries;
  DELETE FROM account_months;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- The two sides of a transfer keep the same amount and date, whichever side is edited (the guard stops the
-- echo from the other side).
CREATE FUNCTION finsight_transactions_mirror_transfer() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE transactions SET amount = NEW.amount, date = NEW.date, updated_at = now()
   WHERE id = NEW.transfer_peer_id AND (amount, date) IS DISTINCT FROM (NEW.amount, NEW.date);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER transactions_mirror_transfer
AFTER UPDATE OF amount, date ON transactions
FOR EACH ROW WHEN (NEW.transfer_peer_id IS NOT NULL)
EXECUTE FUNCTION finsight_transactions_mirror_transfer();
