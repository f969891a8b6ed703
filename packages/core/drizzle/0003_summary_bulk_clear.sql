-- Custom SQL migration file, put your code below! --
-- Clearing all of one user's transactions at once (a reset, a deleted account) need not maintain
-- monthly_summaries row by row: the caller deletes the user's summaries in the same database transaction
-- (clearUserTransactions). A row trigger firing 100,000 times took seconds for a busy account.
--
-- The caller marks the transaction with set_config('finsight.clearing_user', <user id>, true) while it holds
-- the user's summary lock exclusively, so no writer of that user can interleave. Deletes of every other user
-- are maintained as before. The WHEN clause is evaluated without calling the trigger function at all.

DROP TRIGGER transactions_maintain_monthly_summary ON transactions;
--> statement-breakpoint
CREATE TRIGGER transactions_maintain_monthly_summary
AFTER INSERT OR UPDATE OF user_id, type, amount, date ON transactions
FOR EACH ROW EXECUTE FUNCTION finsight_transactions_maintain_monthly_summary();
--> statement-breakpoint
CREATE TRIGGER transactions_maintain_monthly_summary_on_delete
AFTER DELETE ON transactions
FOR EACH ROW
WHEN (current_setting('finsight.clearing_user', true) IS DISTINCT FROM OLD.user_id::text)
EXECUTE FUNCTION finsight_transactions_maintain_monthly_summary();
