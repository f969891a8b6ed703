CREATE TYPE "public"."alert_kind" AS ENUM('BUDGET_WARNING', 'BUDGET_OVER', 'ANOMALY', 'RECURRING_PRICE', 'RECURRING_MISSED');--> statement-breakpoint
CREATE TYPE "public"."delivery_channel" AS ENUM('WEBHOOK', 'EMAIL');--> statement-breakpoint
CREATE TYPE "public"."delivery_status" AS ENUM('PENDING', 'DELIVERED', 'FAILED');--> statement-breakpoint
CREATE TYPE "public"."recurring_cadence" AS ENUM('WEEKLY', 'BIWEEKLY', 'MONTHLY', 'QUARTERLY', 'YEARLY');--> statement-breakpoint
CREATE TYPE "public"."recurring_status" AS ENUM('DETECTED', 'CONFIRMED', 'DISMISSED');--> statement-breakpoint
CREATE TABLE "alert_check_requests" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "alert_check_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_deliveries" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "alert_deliveries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"user_id" integer NOT NULL,
	"alert_id" integer,
	"channel" "delivery_channel" NOT NULL,
	"status" "delivery_status" DEFAULT 'PENDING' NOT NULL,
	"target" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"response_status" integer,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "alerts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"user_id" integer NOT NULL,
	"kind" "alert_kind" NOT NULL,
	"dedupe_key" text NOT NULL,
	"message" text NOT NULL,
	"link" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notification_settings" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"email_digest" boolean DEFAULT false NOT NULL,
	"webhook_url" text,
	"webhook_secret" text,
	"webhook_since" timestamp with time zone,
	"last_digest_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "budget_amounts" (
	"budget_id" integer NOT NULL,
	"from_month" date NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	CONSTRAINT "budget_amounts_pkey" PRIMARY KEY("budget_id","from_month"),
	CONSTRAINT "budget_amounts_amount_positive" CHECK ("budget_amounts"."amount" > 0),
	CONSTRAINT "budget_amounts_from_month_first_day" CHECK (extract(day FROM "budget_amounts"."from_month") = 1)
);
--> statement-breakpoint
CREATE TABLE "budgets" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "budgets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"user_id" integer NOT NULL,
	"category_id" integer NOT NULL,
	"start_month" date NOT NULL,
	"rollover" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budgets_user_category_key" UNIQUE("user_id","category_id"),
	CONSTRAINT "budgets_id_user_id_key" UNIQUE("id","user_id"),
	CONSTRAINT "budgets_start_month_first_day" CHECK (extract(day FROM "budgets"."start_month") = 1)
);
--> statement-breakpoint
CREATE TABLE "category_months" (
	"user_id" integer NOT NULL,
	"category_id" integer NOT NULL,
	"month" date NOT NULL,
	"income" numeric(18, 2) DEFAULT '0' NOT NULL,
	"expense" numeric(18, 2) DEFAULT '0' NOT NULL,
	"transaction_count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "category_months_pkey" PRIMARY KEY("user_id","category_id","month"),
	CONSTRAINT "category_months_count_non_negative" CHECK ("category_months"."transaction_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "recurring_series" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "recurring_series_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"user_id" integer NOT NULL,
	"key" text NOT NULL,
	"status" "recurring_status" DEFAULT 'DETECTED' NOT NULL,
	"payee" text NOT NULL,
	"category_id" integer,
	"type" "transaction_type" NOT NULL,
	"cadence" "recurring_cadence" NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"amount_min" numeric(14, 2) NOT NULL,
	"amount_max" numeric(14, 2) NOT NULL,
	"last_date" date NOT NULL,
	"next_expected" date NOT NULL,
	"confidence" real NOT NULL,
	"occurrences" integer NOT NULL,
	"custom_payee" text,
	"custom_cadence" "recurring_cadence",
	"custom_amount" numeric(14, 2),
	"missed_alerted_for" date,
	"active" boolean DEFAULT true NOT NULL,
	"detected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recurring_series_user_key" UNIQUE("user_id","key"),
	CONSTRAINT "recurring_series_amounts" CHECK ("recurring_series"."amount_min" <= "recurring_series"."amount_max")
);
--> statement-breakpoint
ALTER TABLE "alert_check_requests" ADD CONSTRAINT "alert_check_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_amounts" ADD CONSTRAINT "budget_amounts_budget_id_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."budgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_category_same_user_fk" FOREIGN KEY ("category_id","user_id") REFERENCES "public"."categories"("id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "category_months" ADD CONSTRAINT "category_months_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recurring_series" ADD CONSTRAINT "recurring_series_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_check_requests_user_idx" ON "alert_check_requests" USING btree ("user_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "alert_deliveries_alert_channel_key" ON "alert_deliveries" USING btree ("alert_id","channel") WHERE "alert_deliveries"."alert_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "alert_deliveries_user_id_idx" ON "alert_deliveries" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "alert_deliveries_due_idx" ON "alert_deliveries" USING btree ("next_attempt_at") WHERE "alert_deliveries"."status" = 'PENDING';--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_user_dedupe_key" ON "alerts" USING btree ("user_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "alerts_user_id_idx" ON "alerts" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "alerts_user_unread_idx" ON "alerts" USING btree ("user_id") WHERE "alerts"."read_at" IS NULL;--> statement-breakpoint
CREATE INDEX "recurring_series_next_expected_idx" ON "recurring_series" USING btree ("next_expected") WHERE "recurring_series"."active" AND "recurring_series"."status" <> 'DISMISSED';--> statement-breakpoint
-- category_months follows every write like monthly_summaries and account_months do (drizzle/0001 explains
-- the locking). When a write raises a category's spending in the month in progress, the same call checks
-- the category's budget and records an alert for each threshold the write crossed, in the writer's own
-- transaction: a crash loses the write and its alert together, and the category row's lock (held until
-- commit) means concurrent writers see each other's totals, so every crossing is seen by exactly one of
-- them. The unique dedupe key keeps it to one alert per budget, month and threshold even when spending
-- falls and rises again.
CREATE FUNCTION finsight_budget_months(p_user_id integer, p_month date, p_category_id integer DEFAULT NULL)
RETURNS TABLE (budget_id integer, category_id integer, monthly_limit numeric, carried_in numeric, spent numeric)
LANGUAGE sql STABLE AS $$
  -- A rollover budget carries what every earlier month left over (or overspent) since it started: the
  -- limits those months allowed (each change times the months it held) minus what they spent. Summed per
  -- change and per stored month, so the cost grows with the number of changes, not of months.
  WITH b AS (
    SELECT id, category_id, start_month, rollover
      FROM budgets
     WHERE user_id = p_user_id AND start_month <= p_month
       AND (p_category_id IS NULL OR budgets.category_id = p_category_id)
  ), changes AS (
    SELECT a.budget_id, a.amount, a.from_month,
           lead(a.from_month) OVER (PARTITION BY a.budget_id ORDER BY a.from_month) AS until
      FROM budget_amounts a
     WHERE a.budget_id IN (SELECT id FROM b)
  ), limits AS (
    SELECT b.id,
           max(c.amount) FILTER (WHERE c.from_month <= p_month AND (c.until IS NULL OR c.until > p_month))
             AS monthly_limit,
           coalesce(sum(c.amount * greatest(0,
             (extract(year FROM least(coalesce(c.until, p_month), p_month)) * 12
               + extract(month FROM least(coalesce(c.until, p_month), p_month)))
             - (extract(year FROM greatest(c.from_month, b.start_month)) * 12
               + extract(month FROM greatest(c.from_month, b.start_month)))))
             FILTER (WHERE b.rollover), 0) AS allowed_before
      FROM b JOIN changes c ON c.budget_id = b.id
     GROUP BY b.id
  ), spending AS (
    SELECT b.id,
           coalesce(sum(m.expense) FILTER (WHERE m.month = p_month), 0) AS spent,
           coalesce(sum(m.expense) FILTER (WHERE m.month < p_month), 0) AS spent_before
      FROM b
      LEFT JOIN category_months m
        ON m.user_id = p_user_id AND m.category_id = b.category_id
       AND m.month <= p_month AND m.month >= CASE WHEN b.rollover THEN b.start_month ELSE p_month END
     GROUP BY b.id
  )
  SELECT b.id, b.category_id, l.monthly_limit, l.allowed_before - s.spent_before, s.spent
    FROM b JOIN limits l ON l.id = b.id JOIN spending s ON s.id = b.id
$$;
--> statement-breakpoint
CREATE FUNCTION finsight_check_budget_crossing(
  p_user_id integer,
  p_category_id integer,
  p_month date,
  p_old numeric,
  p_new numeric
) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_status record;
  v_available numeric;
  v_threshold integer;
  v_category text;
  v_month_name text;
BEGIN
  -- Most categories have no budget: one index probe and out.
  IF NOT EXISTS (SELECT 1 FROM budgets
                  WHERE user_id = p_user_id AND category_id = p_category_id AND start_month <= p_month) THEN
    RETURN;
  END IF;
  -- Alerts are about the month in progress where the user lives: back-filling history is not news.
  IF p_month IS DISTINCT FROM (SELECT date_trunc('month', now() AT TIME ZONE time_zone)::date
                                 FROM users WHERE id = p_user_id) THEN
    RETURN;
  END IF;
  SELECT * INTO v_status FROM finsight_budget_months(p_user_id, p_month, p_category_id);
  v_available := v_status.monthly_limit + v_status.carried_in;
  -- Overspent before the month began (a rollover budget): there is no threshold left to cross.
  IF v_available IS NULL OR v_available <= 0 THEN
    RETURN;
  END IF;
  SELECT name INTO v_category FROM categories WHERE id = p_category_id;
  v_month_name := to_char(p_month, 'FMMonth YYYY');
  FOREACH v_threshold IN ARRAY ARRAY[80, 100] LOOP
    IF p_old < v_available * v_threshold / 100 AND p_new >= v_available * v_threshold / 100 THEN
      INSERT INTO alerts (user_id, kind, dedupe_key, message, link, data)
      VALUES (
        p_user_id,
        CASE WHEN v_threshold = 100 THEN 'BUDGET_OVER' ELSE 'BUDGET_WARNING' END::alert_kind,
        format('budget:%s:%s:%s', v_status.budget_id, to_char(p_month, 'YYYY-MM'), v_threshold),
        CASE WHEN v_threshold = 100 THEN
          format('%s has used its whole budget for %s: %s spent of %s.', v_category, v_month_name, p_new, v_available)
        ELSE
          format('%s has used %s%% of its budget for %s: %s spent of %s.', v_category,
                 floor(p_new * 100 / v_available), v_month_name, p_new, v_available)
        END,
        format('/budgets?month=%s', to_char(p_month, 'YYYY-MM')),
        jsonb_build_object(
          'budget', v_status.budget_id, 'category', p_category_id, 'category_name', v_category,
          'month', to_char(p_month, 'YYYY-MM'), 'threshold', v_threshold,
          'spent', p_new::text, 'available', v_available::text)
      )
      ON CONFLICT (user_id, dedupe_key) DO NOTHING;
    END IF;
  END LOOP;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION finsight_apply_category_delta(
  p_user_id integer,
  p_category_id integer,
  p_date date,
  p_income numeric,
  p_expense numeric,
  p_count integer
) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_month date := date_trunc('month', p_date)::date;
  v_count integer;
  v_expense numeric;
BEGIN
  IF p_count >= 0 THEN
    INSERT INTO category_months AS m (user_id, category_id, month, income, expense, transaction_count)
    VALUES (p_user_id, p_category_id, v_month, p_income, p_expense, p_count)
    ON CONFLICT (user_id, category_id, month) DO UPDATE
      SET income = m.income + EXCLUDED.income,
          expense = m.expense + EXCLUDED.expense,
          transaction_count = m.transaction_count + EXCLUDED.transaction_count
    RETURNING expense INTO v_expense;
    IF p_expense > 0 THEN
      PERFORM finsight_check_budget_crossing(p_user_id, p_category_id, v_month, v_expense - p_expense, v_expense);
    END IF;
    RETURN;
  END IF;

  UPDATE category_months
     SET income = income + p_income, expense = expense + p_expense, transaction_count = transaction_count + p_count
   WHERE user_id = p_user_id AND category_id = p_category_id AND month = v_month
  RETURNING transaction_count INTO v_count;

  IF NOT FOUND THEN
    -- Deleting a user cascades to category_months and transactions in no fixed order.
    IF NOT EXISTS (SELECT 1 FROM users WHERE id = p_user_id) THEN
      RETURN;
    END IF;
    RAISE EXCEPTION 'category_months has no row for category % in %; run rebuildSummaries', p_category_id, v_month
      USING ERRCODE = 'data_exception';
  END IF;

  IF v_count = 0 THEN
    DELETE FROM category_months WHERE user_id = p_user_id AND category_id = p_category_id AND month = v_month;
  END IF;
END;
$$;
--> statement-breakpoint
-- The row trigger keeps all three kinds of derived data, and asks for the heavier alert checks (anomalies,
-- recurring payments) when a write touches the last weeks: appending to alert_check_requests never waits
-- on another writer.
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
  v_recent date := (date_trunc('month', current_date) - interval '1 month')::date;
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
    IF NEW.category_id IS NOT NULL THEN
      PERFORM finsight_apply_category_delta(NEW.user_id, NEW.category_id, NEW.date, v_new_income, v_new_expense, 1);
      IF NEW.date >= v_recent THEN
        INSERT INTO alert_check_requests (user_id) VALUES (NEW.user_id);
      END IF;
    END IF;
    RETURN NULL;
  END IF;

  IF TG_OP = 'DELETE' THEN
    PERFORM pg_advisory_xact_lock_shared(1718185587, OLD.user_id);
    PERFORM finsight_apply_summary_delta(OLD.user_id, OLD.date, -v_old_income, -v_old_expense, -1);
    PERFORM finsight_apply_account_delta(OLD.user_id, OLD.account_id, OLD.date, -v_old_net, -1);
    IF OLD.category_id IS NOT NULL THEN
      PERFORM finsight_apply_category_delta(OLD.user_id, OLD.category_id, OLD.date, -v_old_income, -v_old_expense, -1);
    END IF;
    RETURN NULL;
  END IF;

  -- UPDATE
  IF OLD.user_id = NEW.user_id AND v_old_key = v_new_key AND OLD.account_id = NEW.account_id
     AND OLD.category_id IS NOT DISTINCT FROM NEW.category_id
     AND v_old_income = v_new_income AND v_old_expense = v_new_expense AND v_old_net = v_new_net THEN
    RETURN NULL; -- nothing derived depends on what changed
  END IF;

  PERFORM pg_advisory_xact_lock_shared(1718185587, least(OLD.user_id, NEW.user_id));
  IF OLD.user_id <> NEW.user_id THEN
    PERFORM pg_advisory_xact_lock_shared(1718185587, greatest(OLD.user_id, NEW.user_id));
  END IF;

  -- Summary rows, then account rows, then category rows, each pair taken in a fixed order so opposite
  -- moves cannot deadlock.
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

  IF OLD.category_id IS NOT DISTINCT FROM NEW.category_id AND OLD.user_id = NEW.user_id AND v_old_key = v_new_key THEN
    IF NEW.category_id IS NOT NULL AND (v_old_income <> v_new_income OR v_old_expense <> v_new_expense) THEN
      PERFORM finsight_apply_category_delta(NEW.user_id, NEW.category_id, NEW.date,
        v_new_income - v_old_income, v_new_expense - v_old_expense, 0);
    END IF;
  ELSIF (OLD.user_id, coalesce(OLD.category_id, 0), v_old_key) < (NEW.user_id, coalesce(NEW.category_id, 0), v_new_key) THEN
    IF OLD.category_id IS NOT NULL THEN
      PERFORM finsight_apply_category_delta(OLD.user_id, OLD.category_id, OLD.date, -v_old_income, -v_old_expense, -1);
    END IF;
    IF NEW.category_id IS NOT NULL THEN
      PERFORM finsight_apply_category_delta(NEW.user_id, NEW.category_id, NEW.date, v_new_income, v_new_expense, 1);
    END IF;
  ELSE
    IF NEW.category_id IS NOT NULL THEN
      PERFORM finsight_apply_category_delta(NEW.user_id, NEW.category_id, NEW.date, v_new_income, v_new_expense, 1);
    END IF;
    IF OLD.category_id IS NOT NULL THEN
      PERFORM finsight_apply_category_delta(OLD.user_id, OLD.category_id, OLD.date, -v_old_income, -v_old_expense, -1);
    END IF;
  END IF;

  IF NEW.category_id IS NOT NULL AND NEW.date >= v_recent THEN
    INSERT INTO alert_check_requests (user_id) VALUES (NEW.user_id);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- A change of category now changes derived data too.
DROP TRIGGER transactions_maintain_monthly_summary ON transactions;
--> statement-breakpoint
CREATE TRIGGER transactions_maintain_monthly_summary
AFTER INSERT OR UPDATE OF user_id, account_id, category_id, type, amount, date, transfer_peer_id ON transactions
FOR EACH ROW
WHEN (current_setting('finsight.clearing_user', true) IS DISTINCT FROM NEW.user_id::text)
EXECUTE FUNCTION finsight_transactions_maintain_monthly_summary();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION finsight_transactions_truncate_monthly_summaries() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM monthly_summaries;
  DELETE FROM account_months;
  DELETE FROM category_months;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Existing books get their category months.
INSERT INTO category_months (user_id, category_id, month, income, expense, transaction_count)
SELECT user_id, category_id, date_trunc('month', date)::date,
       sum(CASE WHEN type = 'INCOME' THEN amount ELSE 0 END),
       sum(CASE WHEN type = 'EXPENSE' THEN amount ELSE 0 END),
       count(*)::integer
  FROM transactions
 WHERE category_id IS NOT NULL
 GROUP BY 1, 2, 3;
