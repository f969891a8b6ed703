-- What finds a user before sign-in (email, username, the hash of an API token or a password reset token) is
-- unique across all users. A table sharded by user cannot enforce that (issue #15), so the rule moves to one
-- small table, a reference table on Citus (every node has all of it), filled here from what exists.
CREATE TYPE "public"."user_lookup_kind" AS ENUM('EMAIL', 'USERNAME', 'API_TOKEN', 'PASSWORD_RESET');--> statement-breakpoint
CREATE TABLE "user_lookups" (
	"kind" "user_lookup_kind" NOT NULL,
	"key" text NOT NULL,
	"user_id" integer NOT NULL,
	CONSTRAINT "user_lookups_pkey" PRIMARY KEY("kind","key")
);
--> statement-breakpoint
ALTER TABLE "user_lookups" ADD CONSTRAINT "user_lookups_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "user_lookups_user_idx" ON "user_lookups" USING btree ("user_id");--> statement-breakpoint
INSERT INTO "user_lookups" ("kind", "key", "user_id")
  SELECT 'EMAIL'::user_lookup_kind, "email", "id" FROM "users"
  UNION ALL SELECT 'USERNAME'::user_lookup_kind, lower("username"), "id" FROM "users"
  UNION ALL SELECT 'API_TOKEN'::user_lookup_kind, "token_hash", "user_id" FROM "api_tokens"
  UNION ALL SELECT 'PASSWORD_RESET'::user_lookup_kind, "token_hash", "user_id" FROM "password_resets";--> statement-breakpoint
DROP INDEX "api_tokens_token_hash_key";--> statement-breakpoint
DROP INDEX "password_resets_token_hash_key";--> statement-breakpoint
DROP INDEX "users_email_key";--> statement-breakpoint
DROP INDEX "users_username_lower_key";
