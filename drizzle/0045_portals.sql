CREATE TABLE "portals_account" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"transport" text NOT NULL,
	"portal_name" text NOT NULL,
	"host" text NOT NULL,
	"port" integer,
	"username" text NOT NULL,
	"remote_dir" text DEFAULT '/' NOT NULL,
	"provider_id" text DEFAULT '' NOT NULL,
	"feed_scope" text DEFAULT 'TEIL' NOT NULL,
	"secret_sealed" text NOT NULL,
	"status" text DEFAULT 'aktiv' NOT NULL,
	"last_error" text,
	"last_sync_at" timestamp with time zone,
	"last_reconcile_at" timestamp with time zone,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "portals_account" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "portals_listing" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"account_id" uuid NOT NULL,
	"property_id" uuid,
	"item" jsonb,
	"wanted" boolean DEFAULT true NOT NULL,
	"state" text DEFAULT 'wartet' NOT NULL,
	"portal_object_id" text,
	"url" text,
	"last_error" text,
	"sent_hash" text,
	"media_hash" text,
	"sent_at" timestamp with time zone,
	"online_at" timestamp with time zone,
	"removed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "portals_listing_account_property" UNIQUE("account_id","property_id")
);
--> statement-breakpoint
ALTER TABLE "portals_listing" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "portals_upload" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"account_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"file_name" text NOT NULL,
	"size_bytes" integer DEFAULT 0 NOT NULL,
	"listing_count" integer DEFAULT 0 NOT NULL,
	"deleted_count" integer DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "portals_upload" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "portals_account" ADD CONSTRAINT "portals_account_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portals_listing" ADD CONSTRAINT "portals_listing_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portals_listing" ADD CONSTRAINT "portals_listing_account_id_portals_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."portals_account"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portals_listing" ADD CONSTRAINT "portals_listing_property_id_crm_property_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."crm_property"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portals_upload" ADD CONSTRAINT "portals_upload_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portals_upload" ADD CONSTRAINT "portals_upload_account_id_portals_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."portals_account"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "portals_listing_property_idx" ON "portals_listing" USING btree ("property_id");--> statement-breakpoint
CREATE INDEX "portals_upload_account_idx" ON "portals_upload" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "portals_account" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "portals_listing" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "portals_upload" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));