-- Ids of everything a user owns are bigint (users keep integer ids). On Citus a worker draws ids from its
-- own range of a bigint sequence, so an INSERT ... SELECT that runs on the shard (budgets, alerts, imported
-- categories, both sides of a transfer) can take ids there; an integer identity can only be drawn on the
-- coordinator. One ALTER per table, so each table is rewritten once; the identity sequences follow the
-- column type. Triggers that name a changed column are dropped for the change and made again as they were.
DROP TRIGGER transactions_maintain_monthly_summary ON transactions;--> statement-breakpoint
DROP TRIGGER transactions_default_account ON transactions;--> statement-breakpoint
DROP TRIGGER transactions_mirror_transfer ON transactions;--> statement-breakpoint
ALTER TABLE "transactions"
  ALTER COLUMN "id" SET DATA TYPE bigint,
  ALTER COLUMN "category_id" SET DATA TYPE bigint,
  ALTER COLUMN "account_id" SET DATA TYPE bigint,
  ALTER COLUMN "transfer_peer_id" SET DATA TYPE bigint,
  ALTER COLUMN "import_id" SET DATA TYPE bigint;--> statement-breakpoint
CREATE TRIGGER transactions_maintain_monthly_summary
AFTER INSERT OR UPDATE OF user_id, account_id, category_id, type, amount, date, transfer_peer_id ON transactions
FOR EACH ROW
WHEN (current_setting('finsight.clearing_user', true) IS DISTINCT FROM NEW.user_id::text)
EXECUTE FUNCTION finsight_transactions_maintain_monthly_summary();--> statement-breakpoint
CREATE TRIGGER transactions_default_account
BEFORE INSERT ON transactions
FOR EACH ROW WHEN (NEW.account_id IS NULL)
EXECUTE FUNCTION finsight_transactions_default_account();--> statement-breakpoint
CREATE TRIGGER transactions_mirror_transfer
AFTER UPDATE OF amount, date ON transactions
FOR EACH ROW WHEN (NEW.transfer_peer_id IS NOT NULL)
EXECUTE FUNCTION finsight_transactions_mirror_transfer();--> statement-breakpoint
ALTER TABLE "categories" ALTER COLUMN "id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "accounts" ALTER COLUMN "id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "account_months" ALTER COLUMN "account_id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "category_months" ALTER COLUMN "category_id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "imports" ALTER COLUMN "id" SET DATA TYPE bigint, ALTER COLUMN "account_id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "budgets" ALTER COLUMN "id" SET DATA TYPE bigint, ALTER COLUMN "category_id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "budget_amounts" ALTER COLUMN "budget_id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "alerts" ALTER COLUMN "id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "alert_deliveries" ALTER COLUMN "id" SET DATA TYPE bigint, ALTER COLUMN "alert_id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "recurring_series" ALTER COLUMN "id" SET DATA TYPE bigint, ALTER COLUMN "category_id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "rules" ALTER COLUMN "id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "api_tokens" ALTER COLUMN "id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "password_resets" ALTER COLUMN "id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "recovery_codes" ALTER COLUMN "id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "sessions" ALTER COLUMN "id" SET DATA TYPE bigint;--> statement-breakpoint
-- The derived-data functions take the wider ids (a bigint argument does not match an integer parameter).
-- The budget check takes the category's name from finsight_budget_months.
DROP FUNCTION finsight_apply_account_delta(integer, integer, date, numeric, integer);--> statement-breakpoint
DROP FUNCTION finsight_apply_category_delta(integer, integer, date, numeric, numeric, integer);--> statement-breakpoint
DROP FUNCTION finsight_check_budget_crossing(integer, integer, date, numeric, numeric);--> statement-breakpoint
DROP FUNCTION finsight_budget_months(integer, date, integer);--> statement-breakpoint
CREATE FUNCTION finsight_budget_months(p_user_id integer, p_month date, p_category_id bigint DEFAULT NULL)
RETURNS TABLE (budget_id bigint, category_id bigint, category_name text, rollover boolean,
               monthly_limit numeric, carried_in numeric, spent numeric)
-- PL/pgSQL, not SQL: Citus cannot plan a parameterized call of an SQL function that reads distributed
-- tables (it would inline it), while each statement of a PL/pgSQL function is planned on its own and goes to
-- the user's shard. It also gives the budgets page the category's name and the rollover flag, so the page
-- reads only this function.
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  -- A rollover budget carries what every earlier month left over (or overspent) since it started: the
  -- limits those months allowed (each change times the months it held) minus what they spent. Summed per
  -- change and per stored month, so the cost grows with the number of changes, not of months.
  RETURN QUERY
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
  SELECT b.id, b.category_id, c.name::text, b.rollover, l.monthly_limit, l.allowed_before - s.spent_before,
         s.spent
    FROM b JOIN limits l ON l.id = b.id JOIN spending s ON s.id = b.id
    JOIN categories c ON c.user_id = p_user_id AND c.id = b.category_id;
END;
$$;--> statement-breakpoint
CREATE FUNCTION finsight_check_budget_crossing(
  p_user_id integer,
  p_category_id bigint,
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
  v_category := v_status.category_name;
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
$$;--> statement-breakpoint
CREATE FUNCTION finsight_apply_category_delta(
  p_user_id integer,
  p_category_id bigint,
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
$$;--> statement-breakpoint
CREATE FUNCTION finsight_apply_account_delta(
  p_user_id integer,
  p_account_id bigint,
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
$$;--> statement-breakpoint
-- The other side of a transfer is found by the user's key, so the mirror stays on the user's shard.
CREATE OR REPLACE FUNCTION finsight_transactions_mirror_transfer() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE transactions SET amount = NEW.amount, date = NEW.date, updated_at = now()
   WHERE user_id = NEW.user_id AND id = NEW.transfer_peer_id AND (amount, date) IS DISTINCT FROM (NEW.amount, NEW.date);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- An account's register is found by the user and the account: on Citus a statement with the user in it goes
-- to one shard, and the index keeps the page a walk of the account's rows, whatever the statistics say.
DROP INDEX "transactions_account_date_id_idx";--> statement-breakpoint
CREATE INDEX "transactions_user_account_date_idx" ON "transactions" USING btree ("user_id","account_id","date" DESC NULLS FIRST,"id" DESC NULLS FIRST);
