-- Every key includes the user (issue #15). On Citus a table distributed by user can only have primary keys,
-- unique constraints and foreign keys that contain its distribution column, so each user-owned table's key
-- becomes (id, user_id), every foreign key between them is composite with user_id (a row and what it points
-- at are always the same user's, so they share a shard), and budget_amounts gains the user_id it lacked.
-- On one PostgreSQL server the keys say the same thing they said before: ids stay unique on their own.
--
-- First the foreign keys that lean on a key about to change.
ALTER TABLE "transactions" DROP CONSTRAINT "transactions_category_same_user_fk";--> statement-breakpoint
ALTER TABLE "transactions" DROP CONSTRAINT "transactions_account_same_user_fk";--> statement-breakpoint
ALTER TABLE "transactions" DROP CONSTRAINT "transactions_transfer_peer_id_transactions_id_fk";--> statement-breakpoint
ALTER TABLE "budgets" DROP CONSTRAINT "budgets_category_same_user_fk";--> statement-breakpoint
ALTER TABLE "imports" DROP CONSTRAINT "imports_account_same_user_fk";--> statement-breakpoint
ALTER TABLE "alert_deliveries" DROP CONSTRAINT "alert_deliveries_alert_id_alerts_id_fk";--> statement-breakpoint
ALTER TABLE "budget_amounts" DROP CONSTRAINT "budget_amounts_budget_id_budgets_id_fk";--> statement-breakpoint
ALTER TABLE "account_months" DROP CONSTRAINT "account_months_account_id_accounts_id_fk";--> statement-breakpoint
-- The unique (id, user_id) that the composite foreign keys pointed at is now the primary key itself.
ALTER TABLE "categories" DROP CONSTRAINT "categories_id_user_id_key";--> statement-breakpoint
ALTER TABLE "accounts" DROP CONSTRAINT "accounts_id_user_id_key";--> statement-breakpoint
ALTER TABLE "budgets" DROP CONSTRAINT "budgets_id_user_id_key";--> statement-breakpoint
ALTER TABLE "categories" DROP CONSTRAINT "categories_pkey", ADD CONSTRAINT "categories_pkey" PRIMARY KEY ("id", "user_id");--> statement-breakpoint
ALTER TABLE "accounts" DROP CONSTRAINT "accounts_pkey", ADD CONSTRAINT "accounts_pkey" PRIMARY KEY ("id", "user_id");--> statement-breakpoint
ALTER TABLE "budgets" DROP CONSTRAINT "budgets_pkey", ADD CONSTRAINT "budgets_pkey" PRIMARY KEY ("id", "user_id");--> statement-breakpoint
ALTER TABLE "transactions" DROP CONSTRAINT "transactions_pkey", ADD CONSTRAINT "transactions_pkey" PRIMARY KEY ("id", "user_id");--> statement-breakpoint
ALTER TABLE "alerts" DROP CONSTRAINT "alerts_pkey", ADD CONSTRAINT "alerts_pkey" PRIMARY KEY ("id", "user_id");--> statement-breakpoint
ALTER TABLE "alert_check_requests" DROP CONSTRAINT "alert_check_requests_pkey", ADD CONSTRAINT "alert_check_requests_pkey" PRIMARY KEY ("id", "user_id");--> statement-breakpoint
ALTER TABLE "alert_deliveries" DROP CONSTRAINT "alert_deliveries_pkey", ADD CONSTRAINT "alert_deliveries_pkey" PRIMARY KEY ("id", "user_id");--> statement-breakpoint
ALTER TABLE "api_tokens" DROP CONSTRAINT "api_tokens_pkey", ADD CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id", "user_id");--> statement-breakpoint
ALTER TABLE "imports" DROP CONSTRAINT "imports_pkey", ADD CONSTRAINT "imports_pkey" PRIMARY KEY ("id", "user_id");--> statement-breakpoint
ALTER TABLE "password_resets" DROP CONSTRAINT "password_resets_pkey", ADD CONSTRAINT "password_resets_pkey" PRIMARY KEY ("id", "user_id");--> statement-breakpoint
ALTER TABLE "recovery_codes" DROP CONSTRAINT "recovery_codes_pkey", ADD CONSTRAINT "recovery_codes_pkey" PRIMARY KEY ("id", "user_id");--> statement-breakpoint
ALTER TABLE "recurring_series" DROP CONSTRAINT "recurring_series_pkey", ADD CONSTRAINT "recurring_series_pkey" PRIMARY KEY ("id", "user_id");--> statement-breakpoint
ALTER TABLE "rules" DROP CONSTRAINT "rules_pkey", ADD CONSTRAINT "rules_pkey" PRIMARY KEY ("id", "user_id");--> statement-breakpoint
ALTER TABLE "sessions" DROP CONSTRAINT "sessions_pkey", ADD CONSTRAINT "sessions_pkey" PRIMARY KEY ("id", "user_id");--> statement-breakpoint
-- budget_amounts takes its budget's user.
ALTER TABLE "budget_amounts" ADD COLUMN "user_id" integer;--> statement-breakpoint
UPDATE "budget_amounts" a SET "user_id" = b."user_id" FROM "budgets" b WHERE b."id" = a."budget_id";--> statement-breakpoint
ALTER TABLE "budget_amounts" ALTER COLUMN "user_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "budget_amounts" DROP CONSTRAINT "budget_amounts_pkey", ADD CONSTRAINT "budget_amounts_pkey" PRIMARY KEY ("user_id", "budget_id", "from_month");--> statement-breakpoint
-- User first, so the key also serves every balance of one user at once (the index it replaces did that).
ALTER TABLE "account_months" DROP CONSTRAINT "account_months_pkey", ADD CONSTRAINT "account_months_pkey" PRIMARY KEY ("user_id", "account_id", "year", "month");--> statement-breakpoint
DROP INDEX "account_months_user_idx";--> statement-breakpoint
DROP INDEX "alert_deliveries_alert_channel_key";--> statement-breakpoint
CREATE UNIQUE INDEX "alert_deliveries_alert_channel_key" ON "alert_deliveries" USING btree ("user_id","alert_id","channel") WHERE "alert_deliveries"."alert_id" IS NOT NULL;--> statement-breakpoint
-- The foreign keys again, each with the user in it.
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_category_same_user_fk" FOREIGN KEY ("category_id","user_id") REFERENCES "public"."categories"("id","user_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_account_same_user_fk" FOREIGN KEY ("account_id","user_id") REFERENCES "public"."accounts"("id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_transfer_peer_fk" FOREIGN KEY ("transfer_peer_id","user_id") REFERENCES "public"."transactions"("id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_category_same_user_fk" FOREIGN KEY ("category_id","user_id") REFERENCES "public"."categories"("id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_account_same_user_fk" FOREIGN KEY ("account_id","user_id") REFERENCES "public"."accounts"("id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_alert_fk" FOREIGN KEY ("alert_id","user_id") REFERENCES "public"."alerts"("id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_amounts" ADD CONSTRAINT "budget_amounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_amounts" ADD CONSTRAINT "budget_amounts_budget_fk" FOREIGN KEY ("budget_id","user_id") REFERENCES "public"."budgets"("id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_months" ADD CONSTRAINT "account_months_account_fk" FOREIGN KEY ("account_id","user_id") REFERENCES "public"."accounts"("id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- The derived-data functions find their rows by the new keys (the user first).
CREATE OR REPLACE FUNCTION finsight_apply_account_delta(
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
    ON CONFLICT (user_id, account_id, year, month) DO UPDATE
      SET net = m.net + EXCLUDED.net,
          transaction_count = m.transaction_count + EXCLUDED.transaction_count;
    RETURN;
  END IF;

  UPDATE account_months
     SET net = net + p_net, transaction_count = transaction_count + p_count
   WHERE user_id = p_user_id AND account_id = p_account_id AND year = v_year AND month = v_month
  RETURNING transaction_count INTO v_count;

  IF NOT FOUND THEN
    -- Deleting a user cascades to accounts and transactions in no fixed order.
    IF NOT EXISTS (SELECT 1 FROM accounts WHERE user_id = p_user_id AND id = p_account_id) THEN
      RETURN;
    END IF;
    RAISE EXCEPTION 'account_months has no row for account % in %-%; run rebuildSummaries', p_account_id, v_year, v_month
      USING ERRCODE = 'data_exception';
  END IF;

  IF v_count = 0 THEN
    DELETE FROM account_months WHERE user_id = p_user_id AND account_id = p_account_id AND year = v_year AND month = v_month;
  END IF;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION finsight_budget_months(p_user_id integer, p_month date, p_category_id integer DEFAULT NULL)
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
     WHERE a.user_id = p_user_id AND a.budget_id IN (SELECT id FROM b)
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
