CREATE TABLE "ai_generation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"user_id" text,
	"kind" text NOT NULL,
	"type" text NOT NULL,
	"provider" text NOT NULL,
	"model" text NOT NULL,
	"fallback_from" text,
	"fallback_reason" text,
	"status" text NOT NULL,
	"input" jsonb NOT NULL,
	"prompt" text DEFAULT '' NOT NULL,
	"output_text" text,
	"output_files" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"property_id" uuid,
	"contact_id" uuid,
	"social_post_id" uuid,
	"tokens_in" integer,
	"tokens_out" integer,
	"images" integer,
	"video_seconds" integer,
	"cost_micros" bigint DEFAULT 0 NOT NULL,
	"price_ref" text,
	"cache_hit" boolean DEFAULT false NOT NULL,
	"duration_ms" integer,
	"error" text,
	"job_run_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('german', coalesce(type, '') || ' ' || coalesce(prompt, '') || ' ' || coalesce(output_text, ''))) STORED
);
--> statement-breakpoint
ALTER TABLE "ai_generation" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "ai_provider_setting" (
	"tenant_id" text NOT NULL,
	"provider" text NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"api_key_sealed" text,
	"api_key_last4" text,
	"base_url" text,
	"default_model" text,
	"monthly_budget_micros" bigint,
	"priority" integer DEFAULT 100 NOT NULL,
	"last_test_at" timestamp with time zone,
	"last_test_ok" boolean,
	"last_test_message" text,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ai_provider_setting_tenant_id_provider_pk" PRIMARY KEY("tenant_id","provider")
);
--> statement-breakpoint
ALTER TABLE "ai_provider_setting" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "ai_tenant_setting" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"monthly_budget_micros" bigint,
	"fallback_enabled" boolean DEFAULT true NOT NULL,
	"text_provider" text,
	"image_provider" text,
	"video_provider" text,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ai_tenant_setting" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "ai_generation" ADD CONSTRAINT "ai_generation_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_generation" ADD CONSTRAINT "ai_generation_property_id_crm_property_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."crm_property"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_generation" ADD CONSTRAINT "ai_generation_contact_id_crm_contact_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."crm_contact"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_provider_setting" ADD CONSTRAINT "ai_provider_setting_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_tenant_setting" ADD CONSTRAINT "ai_tenant_setting_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ai_generation_search" ON "ai_generation" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "ai_generation_tenant_created" ON "ai_generation" USING btree ("tenant_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "ai_generation_tenant_property" ON "ai_generation" USING btree ("tenant_id","property_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "ai_generation" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "ai_provider_setting" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "ai_tenant_setting" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));