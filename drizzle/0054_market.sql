CREATE TABLE "market_analysis" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"property_id" uuid NOT NULL,
	"input" jsonb NOT NULL,
	"result" jsonb NOT NULL,
	"in_expose" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "market_analysis" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "market_dataset" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"source" text NOT NULL,
	"licence" text NOT NULL,
	"licence_url" text,
	"row_count" integer DEFAULT 0 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "market_dataset" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "market_record" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"dataset_id" uuid NOT NULL,
	"property_id" uuid,
	"external_ref" text,
	"price_kind" text NOT NULL,
	"marketing_type" text NOT NULL,
	"object_type" text NOT NULL,
	"postal_code" text NOT NULL,
	"city" text NOT NULL,
	"district" text,
	"latitude" double precision,
	"longitude" double precision,
	"living_area" numeric(10, 2) NOT NULL,
	"rooms" numeric(4, 1),
	"year_built" integer,
	"condition" text,
	"floor" integer,
	"lake_view" boolean DEFAULT false NOT NULL,
	"shore_distance_m" integer,
	"price_cents" bigint NOT NULL,
	"observed_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "market_record" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "market_analysis" ADD CONSTRAINT "market_analysis_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "market_analysis" ADD CONSTRAINT "market_analysis_property_id_crm_property_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."crm_property"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "market_dataset" ADD CONSTRAINT "market_dataset_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "market_record" ADD CONSTRAINT "market_record_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "market_record" ADD CONSTRAINT "market_record_dataset_id_market_dataset_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."market_dataset"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "market_record" ADD CONSTRAINT "market_record_property_id_crm_property_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."crm_property"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "market_analysis_property" ON "market_analysis" USING btree ("property_id");--> statement-breakpoint
CREATE INDEX "market_dataset_tenant" ON "market_dataset" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "market_record_search" ON "market_record" USING btree ("tenant_id","marketing_type","object_type","observed_on");--> statement-breakpoint
CREATE INDEX "market_record_geo" ON "market_record" USING btree ("tenant_id","marketing_type","latitude","longitude");--> statement-breakpoint
CREATE INDEX "market_record_dataset" ON "market_record" USING btree ("dataset_id");--> statement-breakpoint
CREATE UNIQUE INDEX "market_record_property" ON "market_record" USING btree ("property_id") WHERE "market_record"."property_id" is not null;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "market_analysis" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "market_dataset" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "market_record" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));