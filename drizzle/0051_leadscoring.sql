CREATE TABLE "leadscoring_model" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"model" jsonb NOT NULL,
	"trained_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "leadscoring_model" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "leadscoring_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"contact_id" uuid,
	"visitor_id" uuid,
	"kind" text NOT NULL,
	"property_id" uuid,
	"session" text,
	"value" integer,
	"wants_offer" boolean DEFAULT false NOT NULL,
	"machine" boolean DEFAULT false NOT NULL,
	"source" text NOT NULL,
	"source_ref" text,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "leadscoring_event" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "leadscoring_qualification" (
	"contact_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"financing_confirmed_at" timestamp with time zone,
	"financing_note" text DEFAULT '' NOT NULL,
	"equity_cents" bigint,
	"net_income_monthly_cents" bigint,
	"expenses_monthly_cents" bigint,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "leadscoring_qualification" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "leadscoring_score" (
	"contact_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"total" smallint NOT NULL,
	"computed_total" smallint NOT NULL,
	"qualification" smallint NOT NULL,
	"engagement" smallint NOT NULL,
	"factors" jsonb NOT NULL,
	"summary" text NOT NULL,
	"close_probability" double precision NOT NULL,
	"close_low" double precision NOT NULL,
	"close_high" double precision NOT NULL,
	"close_kind" text NOT NULL,
	"last_signal_at" timestamp with time zone,
	"override_total" smallint,
	"override_reason" text,
	"override_by" text,
	"override_at" timestamp with time zone,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "leadscoring_score" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "leadscoring_score_day" (
	"contact_id" uuid NOT NULL,
	"day" date NOT NULL,
	"tenant_id" text NOT NULL,
	"total" smallint NOT NULL,
	"qualification" smallint NOT NULL,
	"engagement" smallint NOT NULL,
	CONSTRAINT "leadscoring_score_day_contact_id_day_pk" PRIMARY KEY("contact_id","day")
);
--> statement-breakpoint
ALTER TABLE "leadscoring_score_day" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "leadscoring_settings" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"weights" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"half_life_days" integer DEFAULT 14 NOT NULL,
	"retention_days" integer DEFAULT 180 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "leadscoring_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "leadscoring_visitor" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"contact_id" uuid,
	"consent_at" timestamp with time zone NOT NULL,
	"consent_version" text NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "leadscoring_visitor" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "leadscoring_model" ADD CONSTRAINT "leadscoring_model_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leadscoring_event" ADD CONSTRAINT "leadscoring_event_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leadscoring_event" ADD CONSTRAINT "leadscoring_event_contact_id_crm_contact_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."crm_contact"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leadscoring_event" ADD CONSTRAINT "leadscoring_event_visitor_id_leadscoring_visitor_id_fk" FOREIGN KEY ("visitor_id") REFERENCES "public"."leadscoring_visitor"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leadscoring_event" ADD CONSTRAINT "leadscoring_event_property_id_crm_property_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."crm_property"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leadscoring_qualification" ADD CONSTRAINT "leadscoring_qualification_contact_id_crm_contact_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."crm_contact"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leadscoring_qualification" ADD CONSTRAINT "leadscoring_qualification_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leadscoring_score" ADD CONSTRAINT "leadscoring_score_contact_id_crm_contact_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."crm_contact"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leadscoring_score" ADD CONSTRAINT "leadscoring_score_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leadscoring_score_day" ADD CONSTRAINT "leadscoring_score_day_contact_id_crm_contact_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."crm_contact"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leadscoring_score_day" ADD CONSTRAINT "leadscoring_score_day_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leadscoring_settings" ADD CONSTRAINT "leadscoring_settings_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leadscoring_visitor" ADD CONSTRAINT "leadscoring_visitor_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leadscoring_visitor" ADD CONSTRAINT "leadscoring_visitor_contact_id_crm_contact_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."crm_contact"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "leadscoring_event_contact" ON "leadscoring_event" USING btree ("tenant_id","contact_id","occurred_at");--> statement-breakpoint
CREATE INDEX "leadscoring_event_visitor" ON "leadscoring_event" USING btree ("visitor_id");--> statement-breakpoint
CREATE INDEX "leadscoring_event_occurred" ON "leadscoring_event" USING btree ("tenant_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "leadscoring_event_source_ref" ON "leadscoring_event" USING btree ("tenant_id","kind","source_ref") WHERE "leadscoring_event"."source_ref" is not null;--> statement-breakpoint
CREATE INDEX "leadscoring_score_total" ON "leadscoring_score" USING btree ("tenant_id","total" DESC NULLS LAST,"contact_id");--> statement-breakpoint
CREATE INDEX "leadscoring_score_signal" ON "leadscoring_score" USING btree ("tenant_id","last_signal_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "leadscoring_visitor_contact" ON "leadscoring_visitor" USING btree ("contact_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "leadscoring_model" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "leadscoring_event" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "leadscoring_qualification" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "leadscoring_score" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "leadscoring_score_day" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "leadscoring_settings" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "leadscoring_visitor" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));