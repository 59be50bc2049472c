CREATE TABLE "model3d_plan" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"property_id" uuid,
	"name" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"file_key" text NOT NULL,
	"underlay_key" text,
	"reference" jsonb,
	"status" text DEFAULT 'wartet' NOT NULL,
	"error" jsonb,
	"reading" jsonb,
	"model_id" uuid,
	"job_run_id" uuid,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "model3d_plan" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "model3d_plan" ADD CONSTRAINT "model3d_plan_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model3d_plan" ADD CONSTRAINT "model3d_plan_property_id_crm_property_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."crm_property"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model3d_plan" ADD CONSTRAINT "model3d_plan_model_id_model3d_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."model3d"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model3d_plan" ADD CONSTRAINT "model3d_plan_created_by_auth_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "model3d_plan_model" ON "model3d_plan" USING btree ("tenant_id","model_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "model3d_plan" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));