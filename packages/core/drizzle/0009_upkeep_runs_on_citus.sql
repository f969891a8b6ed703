-- What the derived-data upkeep needs to run next to the shards on Citus (issue #15).
-- A new user's default account is made by the accounts service, in the registration's transaction, no longer
-- by a trigger on users (issue #15). On Citus a trigger runs on the worker that holds the shard, and a worker
-- cannot draw from an integer identity sequence (only the coordinator can), so the trigger's INSERT failed.
DROP TRIGGER IF EXISTS users_create_default_account ON users;--> statement-breakpoint
DROP FUNCTION IF EXISTS finsight_users_create_default_account();
--> statement-breakpoint
-- The same upkeep of monthly_summaries, with the time taken once into a variable: Citus sends an upsert on a
-- sharded table to its shard with the SET clause as written, and accepts only immutable functions there.
CREATE OR REPLACE FUNCTION finsight_apply_summary_delta(
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
  v_now timestamptz := now();
BEGIN
  IF p_count > 0 THEN
    -- A transaction arrives in this month: the row may not exist yet.
    INSERT INTO monthly_summaries AS s (user_id, year, month, total_income, total_expense, transaction_count)
    VALUES (p_user_id, v_year, v_month, p_income, p_expense, p_count)
    ON CONFLICT (user_id, year, month) DO UPDATE
      SET total_income = s.total_income + EXCLUDED.total_income,
          total_expense = s.total_expense + EXCLUDED.total_expense,
          transaction_count = s.transaction_count + EXCLUDED.transaction_count,
          updated_at = v_now;
    RETURN;
  END IF;

  -- The transaction was already counted in this month, so the row exists. (An upsert cannot be used for
  -- negative deltas: the check constraint is tested on the proposed new row before the conflict.)
  UPDATE monthly_summaries
     SET total_income = total_income + p_income,
         total_expense = total_expense + p_expense,
         transaction_count = transaction_count + p_count,
         updated_at = v_now
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
