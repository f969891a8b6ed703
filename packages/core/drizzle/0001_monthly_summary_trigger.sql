-- Custom SQL migration file, put your code below! --
-- monthly_summaries is derived from transactions. It is kept true by this trigger, inside the same
-- database transaction as the write that changes it, so no code path (a service, a script, psql) can
-- forget it.
--
-- Concurrency, under READ COMMITTED:
--  * every change is an atomic increment through INSERT ... ON CONFLICT DO UPDATE, which locks the
--    summary row and re-reads its latest committed version, so concurrent writers never lose an update;
--  * an update that moves a transaction between months touches two summary rows, always earlier month
--    first, so two moves in opposite directions cannot deadlock;
--  * writers hold a shared advisory lock on their user (class 1718185587, 'fins') that rebuildSummaries
--    takes exclusively, so a rebuild never interleaves with a half-applied write.

CREATE FUNCTION finsight_apply_summary_delta(
  p_user_id integer,
  p_date date,
  p_income numeric,
  p_expense numeric,
  p_count integer
) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_year smallint := extract(year FROM p_date)::smallint;
  v_month smallint := extract(month FROM p_date)::smallint;
  v_count integer;
BEGIN
  IF p_count > 0 THEN
    -- A transaction arrives in this month: the row may not exist yet.
    INSERT INTO monthly_summaries AS s (user_id, year, month, total_income, total_expense, transaction_count)
    VALUES (p_user_id, v_year, v_month, p_income, p_expense, p_count)
    ON CONFLICT (user_id, year, month) DO UPDATE
      SET total_income = s.total_income + EXCLUDED.total_income,
          total_expense = s.total_expense + EXCLUDED.total_expense,
          transaction_count = s.transaction_count + EXCLUDED.transaction_count,
          updated_at = now();
    RETURN;
  END IF;

  -- The transaction was already counted in this month, so the row exists. (An upsert cannot be used for
  -- negative deltas: the check constraint is tested on the proposed new row before the conflict.)
  UPDATE monthly_summaries
     SET total_income = total_income + p_income,
         total_expense = total_expense + p_expense,
         transaction_count = transaction_count + p_count,
         updated_at = now()
   WHERE user_id = p_user_id AND year = v_year AND month = v_month
  RETURNING transaction_count INTO v_count;

  IF NOT FOUND THEN
    -- Deleting a user cascades to monthly_summaries and transactions in no fixed order.
    IF NOT EXISTS (SELECT 1 FROM users WHERE id = p_user_id) THEN
      RETURN;
    END IF;
    RAISE EXCEPTION 'monthly_summaries has no row for user % in %-%; run rebuildSummaries', p_user_id, v_year, v_month
      USING ERRCODE = 'data_exception';
  END IF;

  -- A summary exists exactly for the months that have transactions, as a fresh rebuild leaves it.
  IF v_count = 0 THEN
    DELETE FROM monthly_summaries WHERE user_id = p_user_id AND year = v_year AND month = v_month;
  END IF;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION finsight_transactions_maintain_monthly_summary() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_old_key integer;
  v_new_key integer;
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM pg_advisory_xact_lock_shared(1718185587, NEW.user_id);
    PERFORM finsight_apply_summary_delta(
      NEW.user_id, NEW.date,
      CASE WHEN NEW.type = 'INCOME' THEN NEW.amount ELSE 0 END,
      CASE WHEN NEW.type = 'EXPENSE' THEN NEW.amount ELSE 0 END,
      1);
    RETURN NULL;
  END IF;

  IF TG_OP = 'DELETE' THEN
    PERFORM pg_advisory_xact_lock_shared(1718185587, OLD.user_id);
    PERFORM finsight_apply_summary_delta(
      OLD.user_id, OLD.date,
      CASE WHEN OLD.type = 'INCOME' THEN -OLD.amount ELSE 0 END,
      CASE WHEN OLD.type = 'EXPENSE' THEN -OLD.amount ELSE 0 END,
      -1);
    RETURN NULL;
  END IF;

  -- UPDATE
  IF OLD.user_id = NEW.user_id AND OLD.type = NEW.type AND OLD.amount = NEW.amount
     AND date_trunc('month', OLD.date) = date_trunc('month', NEW.date) THEN
    RETURN NULL; -- nothing the summary depends on changed
  END IF;

  PERFORM pg_advisory_xact_lock_shared(1718185587, least(OLD.user_id, NEW.user_id));
  IF OLD.user_id <> NEW.user_id THEN
    PERFORM pg_advisory_xact_lock_shared(1718185587, greatest(OLD.user_id, NEW.user_id));
  END IF;

  IF OLD.user_id = NEW.user_id AND date_trunc('month', OLD.date) = date_trunc('month', NEW.date) THEN
    PERFORM finsight_apply_summary_delta(
      NEW.user_id, NEW.date,
      (CASE WHEN NEW.type = 'INCOME' THEN NEW.amount ELSE 0 END)
        - (CASE WHEN OLD.type = 'INCOME' THEN OLD.amount ELSE 0 END),
      (CASE WHEN NEW.type = 'EXPENSE' THEN NEW.amount ELSE 0 END)
        - (CASE WHEN OLD.type = 'EXPENSE' THEN OLD.amount ELSE 0 END),
      0);
    RETURN NULL;
  END IF;

  -- Moved to another month (or user): take the two summary rows in a fixed order.
  v_old_key := (extract(year FROM OLD.date) * 12 + extract(month FROM OLD.date))::integer;
  v_new_key := (extract(year FROM NEW.date) * 12 + extract(month FROM NEW.date))::integer;
  IF (OLD.user_id, v_old_key) < (NEW.user_id, v_new_key) THEN
    PERFORM finsight_apply_summary_delta(OLD.user_id, OLD.date,
      CASE WHEN OLD.type = 'INCOME' THEN -OLD.amount ELSE 0 END,
      CASE WHEN OLD.type = 'EXPENSE' THEN -OLD.amount ELSE 0 END, -1);
    PERFORM finsight_apply_summary_delta(NEW.user_id, NEW.date,
      CASE WHEN NEW.type = 'INCOME' THEN NEW.amount ELSE 0 END,
      CASE WHEN NEW.type = 'EXPENSE' THEN NEW.amount ELSE 0 END, 1);
  ELSE
    PERFORM finsight_apply_summary_delta(NEW.user_id, NEW.date,
      CASE WHEN NEW.type = 'INCOME' THEN NEW.amount ELSE 0 END,
      CASE WHEN NEW.type = 'EXPENSE' THEN NEW.amount ELSE 0 END, 1);
    PERFORM finsight_apply_summary_delta(OLD.user_id, OLD.date,
      CASE WHEN OLD.type = 'INCOME' THEN -OLD.amount ELSE 0 END,
      CASE WHEN OLD.type = 'EXPENSE' THEN -OLD.amount ELSE 0 END, -1);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER transactions_maintain_monthly_summary
AFTER INSERT OR DELETE OR UPDATE OF user_id, type, amount, date ON transactions
FOR EACH ROW EXECUTE FUNCTION finsight_transactions_maintain_monthly_summary();
--> statement-breakpoint
CREATE FUNCTION finsight_transactions_truncate_monthly_summaries() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM monthly_summaries;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER transactions_truncate_monthly_summaries
AFTER TRUNCATE ON transactions
FOR EACH STATEMENT EXECUTE FUNCTION finsight_transactions_truncate_monthly_summaries();
