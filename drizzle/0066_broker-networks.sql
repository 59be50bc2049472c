CREATE TABLE "broker_network" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"fallback_tenant_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "broker_network_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "broker_network" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "network_admin" (
	"network_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_admin_network_id_user_id_pk" PRIMARY KEY("network_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "network_admin" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "network_lead" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"target_tenant_id" text NOT NULL,
	"rule_id" uuid,
	"postal_code" text NOT NULL,
	"marketing_type" text NOT NULL,
	"object_type" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "network_lead" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "network_lead_rule" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"postal_prefix" text,
	"marketing_type" text,
	"object_type" text,
	"target_tenant_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "network_lead_rule" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "network_member" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"network_id" uuid NOT NULL,
	"shares_listings" boolean DEFAULT false NOT NULL,
	"shares_reports" boolean DEFAULT false NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "network_member" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "network_office_stats" (
	"tenant_id" text NOT NULL,
	"month" text NOT NULL,
	"new_listings" integer NOT NULL,
	"sold_or_let" integer NOT NULL,
	"new_contacts" integer NOT NULL,
	"viewings" integer NOT NULL,
	"active_listings" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_office_stats_tenant_id_month_pk" PRIMARY KEY("tenant_id","month")
);
--> statement-breakpoint
ALTER TABLE "network_office_stats" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "broker_network" ADD CONSTRAINT "broker_network_fallback_tenant_id_tenant_id_fk" FOREIGN KEY ("fallback_tenant_id") REFERENCES "public"."tenant"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_admin" ADD CONSTRAINT "network_admin_network_id_broker_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."broker_network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_admin" ADD CONSTRAINT "network_admin_user_id_auth_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_lead" ADD CONSTRAINT "network_lead_network_id_broker_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."broker_network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_lead" ADD CONSTRAINT "network_lead_target_tenant_id_tenant_id_fk" FOREIGN KEY ("target_tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_lead" ADD CONSTRAINT "network_lead_rule_id_network_lead_rule_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."network_lead_rule"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_lead_rule" ADD CONSTRAINT "network_lead_rule_network_id_broker_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."broker_network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_lead_rule" ADD CONSTRAINT "network_lead_rule_target_tenant_id_tenant_id_fk" FOREIGN KEY ("target_tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_member" ADD CONSTRAINT "network_member_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_member" ADD CONSTRAINT "network_member_network_id_broker_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."broker_network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_office_stats" ADD CONSTRAINT "network_office_stats_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "network_admin_user_id_index" ON "network_admin" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "network_lead_network_id_created_at_index" ON "network_lead" USING btree ("network_id","created_at");--> statement-breakpoint
CREATE INDEX "network_lead_rule_network_id_position_index" ON "network_lead_rule" USING btree ("network_id","position");--> statement-breakpoint
CREATE INDEX "network_member_network_id_index" ON "network_member" USING btree ("network_id");--> statement-breakpoint
CREATE POLICY "network_pool" ON "crm_property" AS PERMISSIVE FOR SELECT TO "immoxx_network" USING (status in ('aktiv', 'reserviert') and tenant_id in (select tenant_id from network_member where network_id::text = current_setting('app.network_id', true) and shares_listings));--> statement-breakpoint
CREATE POLICY "network_self" ON "broker_network" AS PERMISSIVE FOR SELECT TO "immoxx_network" USING (id::text = current_setting('app.network_id', true));--> statement-breakpoint
CREATE POLICY "office_own_network" ON "broker_network" AS PERMISSIVE FOR SELECT TO "immoxx_app" USING (id in (select network_id from network_member where tenant_id = current_setting('app.tenant_id', true)));--> statement-breakpoint
CREATE POLICY "network_admin_update" ON "broker_network" AS PERMISSIVE FOR UPDATE TO "immoxx_network" USING (id::text = current_setting('app.network_id', true)) WITH CHECK (id::text = current_setting('app.network_id', true));--> statement-breakpoint
CREATE POLICY "network_leads" ON "network_lead" AS PERMISSIVE FOR ALL TO "immoxx_network" USING (network_id::text = current_setting('app.network_id', true)) WITH CHECK (network_id::text = current_setting('app.network_id', true));--> statement-breakpoint
CREATE POLICY "network_rules" ON "network_lead_rule" AS PERMISSIVE FOR ALL TO "immoxx_network" USING (network_id::text = current_setting('app.network_id', true)) WITH CHECK (network_id::text = current_setting('app.network_id', true));--> statement-breakpoint
CREATE POLICY "member_network_read" ON "network_member" AS PERMISSIVE FOR SELECT TO "immoxx_network" USING (network_id::text = current_setting('app.network_id', true));--> statement-breakpoint
CREATE POLICY "member_own_read" ON "network_member" AS PERMISSIVE FOR SELECT TO "immoxx_app" USING (tenant_id = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "member_own_flags" ON "network_member" AS PERMISSIVE FOR UPDATE TO "immoxx_app" USING (tenant_id = current_setting('app.tenant_id', true)) WITH CHECK (tenant_id = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "network_office_stats" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "network_shared_reports" ON "network_office_stats" AS PERMISSIVE FOR SELECT TO "immoxx_network" USING (tenant_id in (select tenant_id from network_member where network_id::text = current_setting('app.network_id', true) and shares_reports));