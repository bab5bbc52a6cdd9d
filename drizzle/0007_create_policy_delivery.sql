CREATE TABLE "files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"mime" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploader_id" uuid NOT NULL,
	"owner_type" text,
	"owner_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"recipient" text NOT NULL,
	"notice_id" uuid,
	"payload" jsonb NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "policy_application_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"reason" text,
	"amount_wan" numeric(14, 2),
	"actor_id" uuid NOT NULL,
	"actor_name" text NOT NULL,
	"actor_role" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "policy_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" text NOT NULL,
	"item_title" text NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"enterprise_name" text NOT NULL,
	"division_code" text NOT NULL,
	"state" text NOT NULL,
	"matched" boolean NOT NULL,
	"form" jsonb NOT NULL,
	"requested_wan" numeric(14, 2),
	"estimated_wan" numeric(14, 2),
	"approved_wan" numeric(14, 2),
	"paid_wan" numeric(14, 2),
	"note" text DEFAULT '' NOT NULL,
	"last_reason" text,
	"applicant_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "policy_budgets" (
	"item_id" text PRIMARY KEY NOT NULL,
	"budget_wan" numeric(14, 2) NOT NULL,
	"paid_wan" numeric(14, 2) DEFAULT 0 NOT NULL,
	"application_opens_on" date,
	"application_closes_on" date,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policy_budgets_paid_within_budget" CHECK ("policy_budgets"."paid_wan" >= 0 and "policy_budgets"."paid_wan" <= "policy_budgets"."budget_wan")
);
--> statement-breakpoint
CREATE TABLE "policy_exempt_lists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" text NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"confirmed_by" uuid NOT NULL,
	"confirmed_by_name" text NOT NULL,
	"confirmed_at" timestamp with time zone NOT NULL,
	"granted_count" integer NOT NULL,
	"excluded_count" integer NOT NULL,
	"total_wan" numeric(14, 2) NOT NULL,
	"excluded" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "policy_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" text NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"enterprise_name" text NOT NULL,
	"division_code" text NOT NULL,
	"source" text NOT NULL,
	"application_id" uuid,
	"exempt_list_id" uuid,
	"amount_wan" numeric(14, 2) NOT NULL,
	"paid_by" uuid NOT NULL,
	"paid_at" timestamp with time zone NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	CONSTRAINT "policy_grants_amount_positive" CHECK ("policy_grants"."amount_wan" > 0)
);
--> statement-breakpoint
CREATE TABLE "policy_match_verdicts" (
	"item_id" text NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"division_code" text NOT NULL,
	"verdict" text NOT NULL,
	"source" text NOT NULL,
	"matched" boolean NOT NULL,
	"reason" text,
	"actor_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "policy_match_verdicts_item_id_enterprise_id_pk" PRIMARY KEY("item_id","enterprise_id")
);
--> statement-breakpoint
CREATE TABLE "policy_notice_reads" (
	"notice_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"read_at" timestamp with time zone NOT NULL,
	CONSTRAINT "policy_notice_reads_notice_id_user_id_pk" PRIMARY KEY("notice_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "policy_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" text NOT NULL,
	"item_title" text NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"enterprise_name" text NOT NULL,
	"division_code" text NOT NULL,
	"benefit_wan" numeric(14, 2),
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "files_owner_idx" ON "files" USING btree ("owner_type","owner_id");--> statement-breakpoint
CREATE INDEX "files_uploader_idx" ON "files" USING btree ("uploader_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notification_outbox_notice_recipient_key" ON "notification_outbox" USING btree ("notice_id","channel","recipient");--> statement-breakpoint
CREATE INDEX "notification_outbox_pending_idx" ON "notification_outbox" USING btree ("id") WHERE "notification_outbox"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "policy_application_events_application_idx" ON "policy_application_events" USING btree ("application_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_applications_item_enterprise_key" ON "policy_applications" USING btree ("item_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "policy_applications_division_idx" ON "policy_applications" USING btree ("division_code");--> statement-breakpoint
CREATE INDEX "policy_applications_state_idx" ON "policy_applications" USING btree ("state");--> statement-breakpoint
CREATE INDEX "policy_exempt_lists_item_idx" ON "policy_exempt_lists" USING btree ("item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_grants_item_enterprise_key" ON "policy_grants" USING btree ("item_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "policy_grants_division_idx" ON "policy_grants" USING btree ("division_code");--> statement-breakpoint
CREATE INDEX "policy_match_verdicts_division_idx" ON "policy_match_verdicts" USING btree ("division_code");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_notices_item_enterprise_key" ON "policy_notices" USING btree ("item_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "policy_notices_enterprise_idx" ON "policy_notices" USING btree ("enterprise_id","created_at");