CREATE TABLE "leadscoring_segment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"builtin" text,
	"rule" jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "leadscoring_segment" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "leadscoring_segment_member" (
	"segment_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"tenant_id" text NOT NULL,
	"since" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "leadscoring_segment_member_segment_id_contact_id_pk" PRIMARY KEY("segment_id","contact_id")
);
--> statement-breakpoint
ALTER TABLE "leadscoring_segment_member" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "leadscoring_segment" ADD CONSTRAINT "leadscoring_segment_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leadscoring_segment_member" ADD CONSTRAINT "leadscoring_segment_member_segment_id_leadscoring_segment_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."leadscoring_segment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leadscoring_segment_member" ADD CONSTRAINT "leadscoring_segment_member_contact_id_crm_contact_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."crm_contact"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leadscoring_segment_member" ADD CONSTRAINT "leadscoring_segment_member_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "leadscoring_segment_builtin" ON "leadscoring_segment" USING btree ("tenant_id","builtin") WHERE "leadscoring_segment"."builtin" is not null;--> statement-breakpoint
CREATE INDEX "leadscoring_segment_member_contact" ON "leadscoring_segment_member" USING btree ("contact_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "leadscoring_segment" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "leadscoring_segment_member" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));