CREATE TABLE "service_categories" (
	"code" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"sort_order" smallint DEFAULT 0 NOT NULL,
	"normal_days" smallint NOT NULL,
	"urgent_days" smallint NOT NULL,
	"critical_days" smallint NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_department_members" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"department_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_departments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_departments_name_key" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "service_liaisons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"officer_id" uuid NOT NULL,
	"officer_name" text NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"enterprise_name" text NOT NULL,
	"division_code" text NOT NULL,
	"level" text NOT NULL,
	"since" date NOT NULL,
	"until" date,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_ratings" (
	"request_id" uuid NOT NULL,
	"round" smallint NOT NULL,
	"rating" text NOT NULL,
	"comment" text,
	"department_id" uuid,
	"rated_by" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "service_ratings_request_id_round_pk" PRIMARY KEY("request_id","round")
);
--> statement-breakpoint
CREATE TABLE "service_reminders" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"department_id" uuid,
	"division_code" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_request_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"actor_role" text NOT NULL,
	"note" text,
	"details" jsonb,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"serial" bigserial NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"enterprise_name" text NOT NULL,
	"division_code" text NOT NULL,
	"category" text NOT NULL,
	"urgency" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"source" text NOT NULL,
	"visit_id" uuid,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"state" text NOT NULL,
	"returned_to" text,
	"lead_department_id" uuid,
	"co_handler_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"reply" text,
	"clock_started_at" timestamp with time zone NOT NULL,
	"allowed_days" smallint NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"paused_since" timestamp with time zone,
	"paused_working_ms" bigint DEFAULT 0 NOT NULL,
	"reopen_count" smallint DEFAULT 0 NOT NULL,
	"escalation_level" smallint DEFAULT 0 NOT NULL,
	"is_overdue" boolean DEFAULT false NOT NULL,
	"overdue_at" timestamp with time zone,
	"merged_into_id" uuid,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"resolved_on_time" boolean,
	"latest_rating" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "service_requests_serial_key" UNIQUE("serial")
);
--> statement-breakpoint
CREATE TABLE "service_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"officer_id" uuid NOT NULL,
	"officer_name" text NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"enterprise_name" text NOT NULL,
	"division_code" text NOT NULL,
	"visited_on" date NOT NULL,
	"people_met" text NOT NULL,
	"situation" text NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "service_department_members" ADD CONSTRAINT "service_department_members_department_id_service_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."service_departments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_ratings" ADD CONSTRAINT "service_ratings_request_id_service_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."service_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_reminders" ADD CONSTRAINT "service_reminders_request_id_service_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."service_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_request_events" ADD CONSTRAINT "service_request_events_request_id_service_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."service_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_category_service_categories_code_fk" FOREIGN KEY ("category") REFERENCES "public"."service_categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_lead_department_id_service_departments_id_fk" FOREIGN KEY ("lead_department_id") REFERENCES "public"."service_departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "service_departments_jurisdiction_idx" ON "service_departments" USING btree ("jurisdiction_code");--> statement-breakpoint
CREATE INDEX "service_liaisons_enterprise_idx" ON "service_liaisons" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "service_liaisons_officer_idx" ON "service_liaisons" USING btree ("officer_id");--> statement-breakpoint
CREATE INDEX "service_liaisons_division_idx" ON "service_liaisons" USING btree ("division_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "service_ratings_department_idx" ON "service_ratings" USING btree ("department_id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_reminders_once_idx" ON "service_reminders" USING btree ("request_id","kind","due_at");--> statement-breakpoint
CREATE INDEX "service_reminders_at_idx" ON "service_reminders" USING btree ("at");--> statement-breakpoint
CREATE INDEX "service_request_events_request_idx" ON "service_request_events" USING btree ("request_id","at");--> statement-breakpoint
CREATE INDEX "service_requests_division_idx" ON "service_requests" USING btree ("division_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "service_requests_enterprise_idx" ON "service_requests" USING btree ("enterprise_id","created_at");--> statement-breakpoint
CREATE INDEX "service_requests_lead_department_idx" ON "service_requests" USING btree ("lead_department_id","state");--> statement-breakpoint
CREATE INDEX "service_requests_co_handlers_idx" ON "service_requests" USING gin ("co_handler_ids");--> statement-breakpoint
CREATE INDEX "service_requests_state_created_idx" ON "service_requests" USING btree ("state","created_at");--> statement-breakpoint
CREATE INDEX "service_requests_created_idx" ON "service_requests" USING btree ("created_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "service_requests_due_idx" ON "service_requests" USING btree ("due_at") WHERE "service_requests"."state" in ('submitted', 'accepted', 'dispatched', 'in_progress', 'returned');--> statement-breakpoint
CREATE INDEX "service_visits_enterprise_idx" ON "service_visits" USING btree ("enterprise_id","visited_on");--> statement-breakpoint
CREATE INDEX "service_visits_officer_idx" ON "service_visits" USING btree ("officer_id","visited_on");--> statement-breakpoint
CREATE INDEX "service_visits_division_idx" ON "service_visits" USING btree ("division_code" text_pattern_ops);