CREATE TABLE "tenant_plan" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"plan" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"trial_ends_at" timestamp with time zone,
	"current_period_end" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenant_plan_plan" CHECK ("tenant_plan"."plan" in ('free', 'professional', 'enterprise')),
	CONSTRAINT "tenant_plan_status" CHECK ("tenant_plan"."status" in ('trialing', 'active', 'past_due', 'read_only', 'canceled'))
);
--> statement-breakpoint
ALTER TABLE "tenant_plan" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "tenant_plan" ADD CONSTRAINT "tenant_plan_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "tenant_plan" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));