CREATE TABLE "crm_expose_access" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"property_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_ip" text,
	"acknowledged_user_agent" text,
	"terms_version" text,
	"view_count" integer DEFAULT 0 NOT NULL,
	"last_viewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "crm_expose_access" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "crm_expose_access" ADD CONSTRAINT "crm_expose_access_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_expose_access" ADD CONSTRAINT "crm_expose_access_property_id_crm_property_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."crm_property"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_expose_access" ADD CONSTRAINT "crm_expose_access_contact_id_crm_contact_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."crm_contact"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "crm_expose_access_token" ON "crm_expose_access" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "crm_expose_access_contact" ON "crm_expose_access" USING btree ("contact_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "crm_expose_access" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));