ALTER TABLE "policy_budgets" DROP CONSTRAINT "policy_budgets_paid_within_budget";--> statement-breakpoint
DROP INDEX "policy_notices_item_enterprise_key";--> statement-breakpoint
ALTER TABLE "policy_notices" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "policy_notices" ADD COLUMN "withdrawn_reason" text;--> statement-breakpoint
ALTER TABLE "policy_notices" ADD COLUMN "superseded" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "policy_notices_item_enterprise_current_key" ON "policy_notices" USING btree ("item_id","enterprise_id") WHERE "policy_notices"."withdrawn_at" is null;--> statement-breakpoint
ALTER TABLE "policy_budgets" DROP COLUMN "budget_wan";--> statement-breakpoint
ALTER TABLE "policy_budgets" DROP COLUMN "application_opens_on";--> statement-breakpoint
ALTER TABLE "policy_budgets" DROP COLUMN "application_closes_on";--> statement-breakpoint
ALTER TABLE "policy_budgets" DROP COLUMN "updated_by";--> statement-breakpoint
ALTER TABLE "policy_budgets" ADD CONSTRAINT "policy_budgets_paid_nonnegative" CHECK ("policy_budgets"."paid_wan" >= 0);