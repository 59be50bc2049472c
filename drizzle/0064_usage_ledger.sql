CREATE TABLE "usage_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"meter" text NOT NULL,
	"value" integer NOT NULL,
	"idempotency_key" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"reported_at" timestamp with time zone,
	"unreportable" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "usage_event_key" UNIQUE("tenant_id","idempotency_key")
);
--> statement-breakpoint
ALTER TABLE "usage_event" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "usage_event" ADD CONSTRAINT "usage_event_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "usage_event_unreported" ON "usage_event" USING btree ("reported_at","unreportable","occurred_at");--> statement-breakpoint
CREATE INDEX "usage_event_tenant_meter_time" ON "usage_event" USING btree ("tenant_id","meter","occurred_at");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "usage_event" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));