CREATE TABLE "viewings_calendar_busy" (
	"connection_id" uuid NOT NULL,
	"remote_id" text NOT NULL,
	"tenant_id" text NOT NULL,
	"user_id" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	CONSTRAINT "viewings_calendar_busy_once" UNIQUE("connection_id","remote_id","starts_at")
);
--> statement-breakpoint
ALTER TABLE "viewings_calendar_busy" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "viewings_calendar_connection" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"user_id" text NOT NULL,
	"provider" text NOT NULL,
	"server_url" text NOT NULL,
	"calendar_url" text NOT NULL,
	"calendar_name" text DEFAULT '' NOT NULL,
	"username" text DEFAULT '' NOT NULL,
	"secret_sealed" text NOT NULL,
	"sync_token" text,
	"last_sync_at" timestamp with time zone,
	"last_error" text,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "viewings_calendar_one_per_user" UNIQUE("tenant_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "viewings_calendar_connection" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "viewings_calendar_event" (
	"connection_id" uuid NOT NULL,
	"viewing_id" uuid NOT NULL,
	"tenant_id" text NOT NULL,
	"remote_id" text NOT NULL,
	"etag" text,
	"content_hash" text NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "viewings_calendar_event_once" UNIQUE("connection_id","viewing_id")
);
--> statement-breakpoint
ALTER TABLE "viewings_calendar_event" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "viewings_calendar_busy" ADD CONSTRAINT "viewings_calendar_busy_connection_id_viewings_calendar_connection_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."viewings_calendar_connection"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "viewings_calendar_busy" ADD CONSTRAINT "viewings_calendar_busy_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "viewings_calendar_connection" ADD CONSTRAINT "viewings_calendar_connection_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "viewings_calendar_connection" ADD CONSTRAINT "viewings_calendar_connection_user_id_auth_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "viewings_calendar_event" ADD CONSTRAINT "viewings_calendar_event_connection_id_viewings_calendar_connection_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."viewings_calendar_connection"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "viewings_calendar_event" ADD CONSTRAINT "viewings_calendar_event_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "viewings_calendar_busy_user" ON "viewings_calendar_busy" USING btree ("user_id","starts_at");--> statement-breakpoint
CREATE INDEX "viewings_calendar_event_remote" ON "viewings_calendar_event" USING btree ("connection_id","remote_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "viewings_calendar_busy" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "viewings_calendar_connection" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "viewings_calendar_event" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));