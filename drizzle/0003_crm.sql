CREATE TABLE "crm_activity" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"property_id" uuid,
	"contact_id" uuid,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" text,
	"user_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "crm_activity" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm_contact" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"kind" text DEFAULT 'person' NOT NULL,
	"salutation" text,
	"first_name" text,
	"last_name" text,
	"company_name" text,
	"email" text,
	"phone" text,
	"mobile" text,
	"street" text,
	"postal_code" text,
	"city" text,
	"country" text DEFAULT 'DEU' NOT NULL,
	"roles" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"lead_status" text DEFAULT 'neu' NOT NULL,
	"source" text,
	"assigned_agent_id" text,
	"notes" text DEFAULT '' NOT NULL,
	"consent_given" boolean DEFAULT false NOT NULL,
	"consent_at" timestamp with time zone,
	"consent_purpose" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('german', coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(company_name, '')), 'A') ||
        setweight(to_tsvector('simple', coalesce(email, '') || ' ' || coalesce(phone, '') || ' ' || coalesce(mobile, '')), 'A') ||
        setweight(to_tsvector('german', coalesce(city, '') || ' ' || coalesce(postal_code, '') || ' ' || coalesce(notes, '')), 'C')) STORED
);
--> statement-breakpoint
ALTER TABLE "crm_contact" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm_property" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"slug" text NOT NULL,
	"external_id" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"location_description" text DEFAULT '' NOT NULL,
	"equipment_description" text DEFAULT '' NOT NULL,
	"marketing_type" text NOT NULL,
	"object_type" text NOT NULL,
	"object_subtype" text,
	"status" text DEFAULT 'entwurf' NOT NULL,
	"street" text,
	"house_number" text,
	"postal_code" text NOT NULL,
	"city" text NOT NULL,
	"district" text,
	"federal_state" text,
	"country" text DEFAULT 'DEU' NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"show_address" boolean DEFAULT false NOT NULL,
	"living_area" numeric(10, 2),
	"usable_area" numeric(10, 2),
	"plot_area" numeric(12, 2),
	"rooms" numeric(4, 1),
	"bedrooms" integer,
	"bathrooms" integer,
	"floor" integer,
	"total_floors" integer,
	"year_built" integer,
	"condition" text,
	"features" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"purchase_price_cents" bigint,
	"cold_rent_cents" bigint,
	"warm_rent_cents" bigint,
	"additional_costs_cents" bigint,
	"hausgeld_cents" bigint,
	"deposit_text" text,
	"commission_text" text,
	"energy_certificate_type" text,
	"energy_value" numeric(7, 1),
	"energy_carrier" text,
	"energy_year_built" integer,
	"energy_class" text,
	"energy_issued_at" date,
	"energy_valid_until" date,
	"energy_includes_hot_water" boolean,
	"internal_notes" text DEFAULT '' NOT NULL,
	"assigned_agent_id" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('german', coalesce(title, '') || ' ' || coalesce(external_id, '')), 'A') ||
        setweight(to_tsvector('german', coalesce(city, '') || ' ' || coalesce(district, '') || ' ' || coalesce(postal_code, '') || ' ' || coalesce(street, '')), 'B') ||
        setweight(to_tsvector('german', coalesce(description, '') || ' ' || coalesce(location_description, '') || ' ' || coalesce(equipment_description, '')), 'C')) STORED,
	CONSTRAINT "crm_property_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "crm_property" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm_property_media" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"property_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"is_title" boolean DEFAULT false NOT NULL,
	"alt_text" text DEFAULT '' NOT NULL,
	"original_key" text NOT NULL,
	"web_key" text NOT NULL,
	"thumb_key" text NOT NULL,
	"content_type" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "crm_property_media" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm_saved_filter" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"user_id" text NOT NULL,
	"entity" text NOT NULL,
	"name" text NOT NULL,
	"query" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "crm_saved_filter" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm_search_request" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"contact_id" uuid NOT NULL,
	"marketing_type" text NOT NULL,
	"object_types" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"cities" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"min_living_area" numeric(10, 2),
	"min_rooms" numeric(4, 1),
	"max_price_cents" bigint,
	"required_features" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "crm_search_request" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm_viewing" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"property_id" uuid NOT NULL,
	"agent_id" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'geplant' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "crm_viewing" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm_viewing_contact" (
	"tenant_id" text NOT NULL,
	"viewing_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	CONSTRAINT "crm_viewing_contact_viewing_id_contact_id_pk" PRIMARY KEY("viewing_id","contact_id")
);
--> statement-breakpoint
ALTER TABLE "crm_viewing_contact" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "crm_activity" ADD CONSTRAINT "crm_activity_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_activity" ADD CONSTRAINT "crm_activity_property_id_crm_property_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."crm_property"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_activity" ADD CONSTRAINT "crm_activity_contact_id_crm_contact_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."crm_contact"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_contact" ADD CONSTRAINT "crm_contact_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_property" ADD CONSTRAINT "crm_property_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_property_media" ADD CONSTRAINT "crm_property_media_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_property_media" ADD CONSTRAINT "crm_property_media_property_id_crm_property_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."crm_property"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_saved_filter" ADD CONSTRAINT "crm_saved_filter_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_search_request" ADD CONSTRAINT "crm_search_request_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_search_request" ADD CONSTRAINT "crm_search_request_contact_id_crm_contact_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."crm_contact"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_viewing" ADD CONSTRAINT "crm_viewing_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_viewing" ADD CONSTRAINT "crm_viewing_property_id_crm_property_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."crm_property"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_viewing_contact" ADD CONSTRAINT "crm_viewing_contact_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_viewing_contact" ADD CONSTRAINT "crm_viewing_contact_viewing_id_crm_viewing_id_fk" FOREIGN KEY ("viewing_id") REFERENCES "public"."crm_viewing"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_viewing_contact" ADD CONSTRAINT "crm_viewing_contact_contact_id_crm_contact_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."crm_contact"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "crm_activity_property" ON "crm_activity" USING btree ("property_id","occurred_at");--> statement-breakpoint
CREATE INDEX "crm_activity_contact" ON "crm_activity" USING btree ("contact_id","occurred_at");--> statement-breakpoint
CREATE INDEX "crm_contact_tenant_status_created" ON "crm_contact" USING btree ("tenant_id","lead_status","created_at");--> statement-breakpoint
CREATE INDEX "crm_contact_tenant_email" ON "crm_contact" USING btree ("tenant_id",lower("email"));--> statement-breakpoint
CREATE INDEX "crm_contact_search" ON "crm_contact" USING gin ("search_vector");--> statement-breakpoint
CREATE UNIQUE INDEX "crm_property_tenant_external_id" ON "crm_property" USING btree ("tenant_id","external_id");--> statement-breakpoint
CREATE INDEX "crm_property_tenant_status_created" ON "crm_property" USING btree ("tenant_id","status","created_at");--> statement-breakpoint
CREATE INDEX "crm_property_tenant_city" ON "crm_property" USING btree ("tenant_id","city");--> statement-breakpoint
CREATE INDEX "crm_property_search" ON "crm_property" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "crm_property_media_property" ON "crm_property_media" USING btree ("property_id","position");--> statement-breakpoint
CREATE INDEX "crm_saved_filter_user" ON "crm_saved_filter" USING btree ("tenant_id","user_id","entity");--> statement-breakpoint
CREATE INDEX "crm_search_request_contact" ON "crm_search_request" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "crm_search_request_tenant_active" ON "crm_search_request" USING btree ("tenant_id","active");--> statement-breakpoint
CREATE INDEX "crm_viewing_tenant_starts" ON "crm_viewing" USING btree ("tenant_id","starts_at");--> statement-breakpoint
CREATE INDEX "crm_viewing_property" ON "crm_viewing" USING btree ("property_id");--> statement-breakpoint
CREATE INDEX "crm_viewing_contact_contact" ON "crm_viewing_contact" USING btree ("contact_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "crm_activity" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "crm_contact" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "crm_property" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "crm_property_media" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "crm_saved_filter" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "crm_search_request" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "crm_viewing" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "crm_viewing_contact" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));