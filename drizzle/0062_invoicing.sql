CREATE TABLE "invoice_counter" (
	"key" text PRIMARY KEY NOT NULL,
	"tenant_id" text,
	"last" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "invoice_counter" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "issued_invoice" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"issuer" text NOT NULL,
	"kind" text NOT NULL,
	"series" text NOT NULL,
	"number" text NOT NULL,
	"issue_date" date NOT NULL,
	"buyer_name" text NOT NULL,
	"net_cents" bigint NOT NULL,
	"vat_cents" bigint NOT NULL,
	"gross_cents" bigint NOT NULL,
	"document" jsonb NOT NULL,
	"pdf_key" text NOT NULL,
	"xml_key" text NOT NULL,
	"corrects_id" uuid,
	"stripe_invoice_id" text,
	"property_id" uuid,
	"contact_id" uuid,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "issued_invoice_stripeInvoiceId_unique" UNIQUE("stripe_invoice_id"),
	CONSTRAINT "issued_invoice_number" UNIQUE("series","number"),
	CONSTRAINT "issued_invoice_corrects" UNIQUE("corrects_id"),
	CONSTRAINT "issued_invoice_issuer" CHECK ("issued_invoice"."issuer" in ('platform', 'office')),
	CONSTRAINT "issued_invoice_kind" CHECK ("issued_invoice"."kind" in ('invoice', 'credit_note'))
);
--> statement-breakpoint
ALTER TABLE "issued_invoice" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "invoice_settings" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"legal_name" text NOT NULL,
	"street" text NOT NULL,
	"postal_code" text NOT NULL,
	"city" text NOT NULL,
	"country" text DEFAULT 'DE' NOT NULL,
	"vat_id" text,
	"tax_number" text,
	"email" text NOT NULL,
	"phone" text NOT NULL,
	"contact_name" text NOT NULL,
	"iban" text NOT NULL,
	"bic" text,
	"account_holder" text NOT NULL,
	"number_prefix" text DEFAULT 'RE' NOT NULL,
	"payment_days" integer DEFAULT 14 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "invoice_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "invoice_counter" ADD CONSTRAINT "invoice_counter_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issued_invoice" ADD CONSTRAINT "issued_invoice_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issued_invoice" ADD CONSTRAINT "issued_invoice_corrects_id_issued_invoice_id_fk" FOREIGN KEY ("corrects_id") REFERENCES "public"."issued_invoice"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issued_invoice" ADD CONSTRAINT "issued_invoice_created_by_auth_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_settings" ADD CONSTRAINT "invoice_settings_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "issued_invoice_tenant_issuer_date" ON "issued_invoice" USING btree ("tenant_id","issuer","issue_date");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "invoice_counter" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "issued_invoice" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "invoice_settings" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));