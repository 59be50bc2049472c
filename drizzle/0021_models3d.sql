CREATE TABLE "model3d" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"property_id" uuid,
	"name" text NOT NULL,
	"source" text NOT NULL,
	"source_input" jsonb NOT NULL,
	"model" jsonb NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"figures" jsonb NOT NULL,
	"glb_key" text NOT NULL,
	"glb_stats" jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "model3d" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "model3d" ADD CONSTRAINT "model3d_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model3d" ADD CONSTRAINT "model3d_property_id_crm_property_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."crm_property"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model3d" ADD CONSTRAINT "model3d_created_by_auth_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "model3d_property" ON "model3d" USING btree ("tenant_id","property_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "model3d" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));