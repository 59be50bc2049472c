CREATE TABLE "leadscoring_mail" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"contact_id" uuid NOT NULL,
	"token" text NOT NULL,
	"links_sealed" text NOT NULL,
	"purpose" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "leadscoring_mail" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "leadscoring_mail" ADD CONSTRAINT "leadscoring_mail_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leadscoring_mail" ADD CONSTRAINT "leadscoring_mail_contact_id_crm_contact_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."crm_contact"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "leadscoring_mail_token" ON "leadscoring_mail" USING btree ("token");--> statement-breakpoint
CREATE INDEX "leadscoring_mail_contact" ON "leadscoring_mail" USING btree ("contact_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "leadscoring_mail" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));