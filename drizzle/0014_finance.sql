CREATE TABLE "finance_scenario" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"property_id" uuid,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"input" jsonb NOT NULL,
	"summary" jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "finance_scenario" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "finance_scenario" ADD CONSTRAINT "finance_scenario_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance_scenario" ADD CONSTRAINT "finance_scenario_property_id_crm_property_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."crm_property"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "finance_scenario_property" ON "finance_scenario" USING btree ("tenant_id","property_id","created_at");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "finance_scenario" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));