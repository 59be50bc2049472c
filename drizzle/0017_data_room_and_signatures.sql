CREATE TABLE "document_share" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"property_id" uuid,
	"title" text NOT NULL,
	"recipient_name" text NOT NULL,
	"recipient_email" text,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"password_hash" text,
	"watermark" boolean DEFAULT true NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_share_token" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "document_share" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "document_share_access" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"share_id" uuid NOT NULL,
	"document_id" uuid,
	"outcome" text NOT NULL,
	"ip" text,
	"user_agent" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "document_share_access" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "document_share_item" (
	"tenant_id" text NOT NULL,
	"share_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "document_share_item_unique" UNIQUE("share_id","document_id")
);
--> statement-breakpoint
ALTER TABLE "document_share_item" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "signature_request" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"document_id" uuid NOT NULL,
	"source_version" integer NOT NULL,
	"title" text NOT NULL,
	"message" text,
	"provider" text DEFAULT 'einfach' NOT NULL,
	"status" text DEFAULT 'offen' NOT NULL,
	"sha256_before" text NOT NULL,
	"sha256_signed" text,
	"sha256_after" text,
	"signed_version" integer,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "signature_request" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "signature_signer" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"request_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"token_hash" text NOT NULL,
	"fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'offen' NOT NULL,
	"viewed_at" timestamp with time zone,
	"signed_at" timestamp with time zone,
	"method" text,
	"typed_name" text,
	"signature_file_key" text,
	"ip" text,
	"user_agent" text,
	"decline_reason" text,
	"mail_delivery" text,
	CONSTRAINT "signature_signer_token" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "signature_signer" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "document_share" ADD CONSTRAINT "document_share_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_share" ADD CONSTRAINT "document_share_property_id_crm_property_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."crm_property"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_share" ADD CONSTRAINT "document_share_revoked_by_auth_user_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_share" ADD CONSTRAINT "document_share_created_by_auth_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_share_access" ADD CONSTRAINT "document_share_access_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_share_access" ADD CONSTRAINT "document_share_access_share_id_document_share_id_fk" FOREIGN KEY ("share_id") REFERENCES "public"."document_share"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_share_access" ADD CONSTRAINT "document_share_access_document_id_document_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."document"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_share_item" ADD CONSTRAINT "document_share_item_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_share_item" ADD CONSTRAINT "document_share_item_share_id_document_share_id_fk" FOREIGN KEY ("share_id") REFERENCES "public"."document_share"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_share_item" ADD CONSTRAINT "document_share_item_document_id_document_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."document"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signature_request" ADD CONSTRAINT "signature_request_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signature_request" ADD CONSTRAINT "signature_request_document_id_document_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."document"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signature_request" ADD CONSTRAINT "signature_request_created_by_auth_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signature_signer" ADD CONSTRAINT "signature_signer_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signature_signer" ADD CONSTRAINT "signature_signer_request_id_signature_request_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."signature_request"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "document_share_property" ON "document_share" USING btree ("tenant_id","property_id");--> statement-breakpoint
CREATE INDEX "document_share_access_share" ON "document_share_access" USING btree ("share_id","at");--> statement-breakpoint
CREATE INDEX "signature_request_document" ON "signature_request" USING btree ("tenant_id","document_id");--> statement-breakpoint
CREATE INDEX "signature_request_after" ON "signature_request" USING btree ("sha256_after");--> statement-breakpoint
CREATE INDEX "signature_signer_request" ON "signature_signer" USING btree ("request_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "document_share" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "document_share_access" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "document_share_item" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "signature_request" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "signature_signer" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));