CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"actor_role" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"division_code" text,
	"before" jsonb,
	"after" jsonb,
	"request_id" text
);
--> statement-breakpoint
CREATE TABLE "enterprise_indicators" (
	"enterprise_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"employees" integer,
	"revenue_wan" numeric(16, 2),
	"main_business_revenue_wan" numeric(16, 2),
	"assets_wan" numeric(16, 2),
	"rd_expense_wan" numeric(16, 2),
	"tax_wan" numeric(16, 2),
	"land_mu" numeric(12, 2),
	"energy_tce" numeric(14, 2),
	"patents" integer,
	"export_wan" numeric(16, 2),
	CONSTRAINT "enterprise_indicators_enterprise_id_year_pk" PRIMARY KEY("enterprise_id","year")
);
--> statement-breakpoint
CREATE TABLE "enterprises" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"credit_code" text NOT NULL,
	"name" text NOT NULL,
	"division_code" text NOT NULL,
	"industry_code" text NOT NULL,
	"park_name" text,
	"address" text,
	"legal_representative" text,
	"contact_name" text,
	"contact_phone" text,
	"founded_on" date,
	"legal_entity" boolean DEFAULT true NOT NULL,
	"employees" integer,
	"revenue_wan" numeric(16, 2),
	"main_business_revenue_wan" numeric(16, 2),
	"assets_wan" numeric(16, 2),
	"rd_expense_wan" numeric(16, 2),
	"tax_wan" numeric(16, 2),
	"land_mu" numeric(12, 2),
	"energy_tce" numeric(14, 2),
	"patents" integer,
	"export_wan" numeric(16, 2),
	"size_class" text,
	"above_scale" boolean DEFAULT false NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"search_tokens" text[] DEFAULT '{}'::text[] NOT NULL,
	"name_initials" text DEFAULT '' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprises_credit_code_key" UNIQUE("credit_code")
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"file_name" text NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"result" jsonb,
	"failed_rows" jsonb,
	"error" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "login_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"user_id" uuid,
	"outcome" text NOT NULL,
	"ip" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"user_agent" text,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"role" text NOT NULL,
	"jurisdiction_code" text,
	"enterprise_id" uuid,
	"department_name" text,
	"password_hash" text NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"failed_login_count" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
ALTER TABLE "enterprise_indicators" ADD CONSTRAINT "enterprise_indicators_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id","at");--> statement-breakpoint
CREATE INDEX "enterprises_division_code_idx" ON "enterprises" USING btree ("division_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "enterprises_industry_code_idx" ON "enterprises" USING btree ("industry_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "enterprises_revenue_idx" ON "enterprises" USING btree ("revenue_wan" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "enterprises_size_class_idx" ON "enterprises" USING btree ("size_class");--> statement-breakpoint
CREATE INDEX "enterprises_founded_on_idx" ON "enterprises" USING btree ("founded_on");--> statement-breakpoint
CREATE INDEX "enterprises_tags_idx" ON "enterprises" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "enterprises_search_tokens_idx" ON "enterprises" USING gin ("search_tokens");--> statement-breakpoint
CREATE INDEX "import_jobs_created_by_idx" ON "import_jobs" USING btree ("created_by","created_at");--> statement-breakpoint
CREATE INDEX "login_events_at_idx" ON "login_events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "sessions_user_id_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "users_enterprise_id_idx" ON "users" USING btree ("enterprise_id");