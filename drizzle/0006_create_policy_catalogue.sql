CREATE TABLE "policy_documents" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"issuer" text NOT NULL,
	"level" text NOT NULL,
	"division_code" text,
	"document_number" text,
	"published_on" date,
	"valid_from" date,
	"valid_to" date,
	"source_url" text NOT NULL,
	"source_note" text,
	"full_text" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "policy_item_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" text NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"effective_from" date,
	"valid_from" date,
	"valid_to" date,
	"article" text NOT NULL,
	"eligibility" jsonb NOT NULL,
	"benefit" jsonb,
	"benefit_cap_wan" double precision,
	"benefit_note" text NOT NULL,
	"application_opens_on" date,
	"application_closes_on" date,
	"budget_wan" numeric(16, 2),
	"exempt_from_application" boolean DEFAULT false NOT NULL,
	"application_note" text,
	"unencoded_conditions" jsonb NOT NULL,
	"verification" text NOT NULL,
	"verification_note" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" uuid
);
--> statement-breakpoint
CREATE TABLE "policy_items" (
	"id" text PRIMARY KEY NOT NULL,
	"document_id" text NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "policy_match_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"state" text DEFAULT 'queued' NOT NULL,
	"stage" text DEFAULT 'queued' NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"enterprises" integer,
	"items" integer,
	"duration_ms" integer,
	"error" text,
	"requested_by" uuid,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "policy_item_versions" ADD CONSTRAINT "policy_item_versions_item_id_policy_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."policy_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_items" ADD CONSTRAINT "policy_items_document_id_policy_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."policy_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "policy_documents_level_division_idx" ON "policy_documents" USING btree ("level","division_code");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_item_versions_item_version_key" ON "policy_item_versions" USING btree ("item_id","version");--> statement-breakpoint
CREATE INDEX "policy_items_document_idx" ON "policy_items" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "policy_match_runs_requested_idx" ON "policy_match_runs" USING btree ("requested_at");