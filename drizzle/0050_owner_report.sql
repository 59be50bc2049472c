CREATE TABLE "mailings_owner_report" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"property_id" uuid NOT NULL,
	"owner_contact_id" uuid NOT NULL,
	"to_address" text NOT NULL,
	"period_from" timestamp with time zone NOT NULL,
	"period_to" timestamp with time zone NOT NULL,
	"trigger" text NOT NULL,
	"week_key" text,
	"mail_id" uuid,
	"sent_by" text,
	"sent_by_name" text,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mailings_owner_report_week" UNIQUE("week_key")
);
--> statement-breakpoint
ALTER TABLE "mailings_owner_report" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "mailings_owner_report_setting" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"property_id" uuid NOT NULL,
	"owner_contact_id" uuid,
	"weekly" boolean DEFAULT false NOT NULL,
	"weekly_since" timestamp with time zone,
	"assessment" text DEFAULT '' NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mailings_owner_report_setting_property" UNIQUE("property_id")
);
--> statement-breakpoint
ALTER TABLE "mailings_owner_report_setting" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "mailings_owner_report" ADD CONSTRAINT "mailings_owner_report_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailings_owner_report" ADD CONSTRAINT "mailings_owner_report_property_id_crm_property_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."crm_property"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailings_owner_report" ADD CONSTRAINT "mailings_owner_report_owner_contact_id_crm_contact_id_fk" FOREIGN KEY ("owner_contact_id") REFERENCES "public"."crm_contact"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailings_owner_report_setting" ADD CONSTRAINT "mailings_owner_report_setting_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailings_owner_report_setting" ADD CONSTRAINT "mailings_owner_report_setting_property_id_crm_property_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."crm_property"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailings_owner_report_setting" ADD CONSTRAINT "mailings_owner_report_setting_owner_contact_id_crm_contact_id_fk" FOREIGN KEY ("owner_contact_id") REFERENCES "public"."crm_contact"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mailings_owner_report_property" ON "mailings_owner_report" USING btree ("property_id","sent_at");--> statement-breakpoint
CREATE INDEX "mailings_owner_report_setting_weekly" ON "mailings_owner_report_setting" USING btree ("weekly");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "mailings_owner_report" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "mailings_owner_report_setting" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));