CREATE TABLE "document_reminder" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"document_id" uuid NOT NULL,
	"valid_until" date NOT NULL,
	"threshold_days" integer NOT NULL,
	"mailed_to" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"dismissed_at" timestamp with time zone,
	"dismissed_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_reminder_once" UNIQUE("document_id","valid_until","threshold_days")
);
--> statement-breakpoint
ALTER TABLE "document_reminder" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "document_reminder" ADD CONSTRAINT "document_reminder_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_reminder" ADD CONSTRAINT "document_reminder_document_id_document_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."document"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_reminder" ADD CONSTRAINT "document_reminder_dismissed_by_auth_user_id_fk" FOREIGN KEY ("dismissed_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "document_reminder_open" ON "document_reminder" USING btree ("tenant_id","dismissed_at");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "document_reminder" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));