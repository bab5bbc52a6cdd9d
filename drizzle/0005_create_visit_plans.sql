CREATE TABLE "service_visit_plans" (
	"officer_id" uuid NOT NULL,
	"quarter" text NOT NULL,
	"officer_name" text NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"planned_visits" smallint NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "service_visit_plans_officer_id_quarter_pk" PRIMARY KEY("officer_id","quarter")
);
--> statement-breakpoint
CREATE INDEX "service_visit_plans_jurisdiction_idx" ON "service_visit_plans" USING btree ("jurisdiction_code" text_pattern_ops);