CREATE TABLE "mailings_campaign" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"property_id" uuid,
	"property_title" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"state" text DEFAULT 'laeuft' NOT NULL,
	"per_minute" integer NOT NULL,
	"created_by" text,
	"created_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "mailings_campaign" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "mailings_consent" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"contact_id" uuid NOT NULL,
	"granted_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"evidence" text NOT NULL,
	"recorded_by" text,
	"revoked_at" timestamp with time zone,
	"revoked_via" text,
	CONSTRAINT "mailings_consent_contact" UNIQUE("tenant_id","contact_id")
);
--> statement-breakpoint
ALTER TABLE "mailings_consent" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "mailings_recipient" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"campaign_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"score" integer NOT NULL,
	"state" text DEFAULT 'wartet' NOT NULL,
	"reason" text,
	"unsubscribe_token_hash" text,
	"mail_id" uuid,
	"sent_at" timestamp with time zone,
	CONSTRAINT "mailings_recipient_contact" UNIQUE("campaign_id","contact_id")
);
--> statement-breakpoint
ALTER TABLE "mailings_recipient" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "mailings_template" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mailings_template" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "headers" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "mailings_campaign" ADD CONSTRAINT "mailings_campaign_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailings_campaign" ADD CONSTRAINT "mailings_campaign_property_id_crm_property_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."crm_property"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailings_consent" ADD CONSTRAINT "mailings_consent_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailings_consent" ADD CONSTRAINT "mailings_consent_contact_id_crm_contact_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."crm_contact"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailings_recipient" ADD CONSTRAINT "mailings_recipient_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailings_recipient" ADD CONSTRAINT "mailings_recipient_campaign_id_mailings_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."mailings_campaign"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailings_recipient" ADD CONSTRAINT "mailings_recipient_contact_id_crm_contact_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."crm_contact"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailings_template" ADD CONSTRAINT "mailings_template_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mailings_campaign_created" ON "mailings_campaign" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "mailings_recipient_state" ON "mailings_recipient" USING btree ("campaign_id","state");--> statement-breakpoint
CREATE INDEX "mailings_recipient_token" ON "mailings_recipient" USING btree ("unsubscribe_token_hash");--> statement-breakpoint
CREATE INDEX "mailings_recipient_contact_idx" ON "mailings_recipient" USING btree ("tenant_id","contact_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "mailings_campaign" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "mailings_consent" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "mailings_recipient" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "mailings_template" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));