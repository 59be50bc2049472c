CREATE TABLE "viewings_details" (
	"viewing_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"meeting_point" text DEFAULT '' NOT NULL,
	"capacity" integer DEFAULT 1 NOT NULL,
	"bookable" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "viewings_details" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "viewings_feedback" (
	"participant_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"viewing_id" uuid NOT NULL,
	"interest" smallint NOT NULL,
	"price_opinion" text,
	"missing" text DEFAULT '' NOT NULL,
	"wants_offer" boolean DEFAULT false NOT NULL,
	"wants_second_viewing" boolean DEFAULT false NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "viewings_feedback" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "viewings_message" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"viewing_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"detail" text DEFAULT '' NOT NULL,
	"mail_id" uuid,
	"ics" text,
	"dedupe_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "viewings_message_dedupeKey_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
ALTER TABLE "viewings_message" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "viewings_participant" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"viewing_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"token" text NOT NULL,
	"response" text DEFAULT 'offen' NOT NULL,
	"responded_at" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	"checked_in_by" text,
	"no_show" boolean DEFAULT false NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"removed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "viewings_participant_token_unique" UNIQUE("token"),
	CONSTRAINT "viewings_participant_once" UNIQUE("viewing_id","contact_id")
);
--> statement-breakpoint
ALTER TABLE "viewings_participant" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "viewings_settings" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"duration_minutes" integer DEFAULT 45 NOT NULL,
	"reminder_hours" jsonb DEFAULT '[24,2]'::jsonb NOT NULL,
	"feedback_hours" integer DEFAULT 2 NOT NULL,
	"sms_reminders" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "viewings_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "attachments" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "viewings_details" ADD CONSTRAINT "viewings_details_viewing_id_crm_viewing_id_fk" FOREIGN KEY ("viewing_id") REFERENCES "public"."crm_viewing"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "viewings_details" ADD CONSTRAINT "viewings_details_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "viewings_feedback" ADD CONSTRAINT "viewings_feedback_participant_id_viewings_participant_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."viewings_participant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "viewings_feedback" ADD CONSTRAINT "viewings_feedback_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "viewings_message" ADD CONSTRAINT "viewings_message_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "viewings_message" ADD CONSTRAINT "viewings_message_participant_id_viewings_participant_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."viewings_participant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "viewings_participant" ADD CONSTRAINT "viewings_participant_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "viewings_participant" ADD CONSTRAINT "viewings_participant_contact_id_crm_contact_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."crm_contact"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "viewings_settings" ADD CONSTRAINT "viewings_settings_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "viewings_feedback_viewing" ON "viewings_feedback" USING btree ("viewing_id");--> statement-breakpoint
CREATE INDEX "viewings_message_viewing" ON "viewings_message" USING btree ("viewing_id","created_at");--> statement-breakpoint
CREATE INDEX "viewings_participant_contact" ON "viewings_participant" USING btree ("contact_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "viewings_details" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "viewings_feedback" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "viewings_message" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "viewings_participant" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "viewings_settings" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));