CREATE TABLE "market_competitor_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"listing_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"occurred_on" date NOT NULL,
	"old_price_cents" bigint,
	"new_price_cents" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "market_competitor_event" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "market_competitor_listing" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"dataset_id" uuid NOT NULL,
	"external_ref" text NOT NULL,
	"record_id" uuid NOT NULL,
	"first_price_cents" bigint NOT NULL,
	"price_cents" bigint NOT NULL,
	"first_seen_on" date NOT NULL,
	"last_seen_on" date NOT NULL,
	"withdrawn_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "market_competitor_listing" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "market_competitor_event" ADD CONSTRAINT "market_competitor_event_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "market_competitor_event" ADD CONSTRAINT "market_competitor_event_listing_id_market_competitor_listing_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."market_competitor_listing"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "market_competitor_listing" ADD CONSTRAINT "market_competitor_listing_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "market_competitor_listing" ADD CONSTRAINT "market_competitor_listing_dataset_id_market_dataset_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."market_dataset"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "market_competitor_listing" ADD CONSTRAINT "market_competitor_listing_record_id_market_record_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."market_record"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "market_competitor_event_tenant" ON "market_competitor_event" USING btree ("tenant_id","occurred_on");--> statement-breakpoint
CREATE INDEX "market_competitor_event_listing" ON "market_competitor_event" USING btree ("listing_id");--> statement-breakpoint
CREATE UNIQUE INDEX "market_competitor_listing_ref" ON "market_competitor_listing" USING btree ("dataset_id","external_ref");--> statement-breakpoint
CREATE INDEX "market_competitor_listing_tenant" ON "market_competitor_listing" USING btree ("tenant_id","withdrawn_on");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "market_competitor_event" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "market_competitor_listing" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));