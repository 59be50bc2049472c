ALTER TABLE "issued_invoice" DROP CONSTRAINT "issued_invoice_tenant_id_tenant_id_fk";
--> statement-breakpoint
ALTER TABLE "issued_invoice" ALTER COLUMN "tenant_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant" ADD COLUMN "delete_after" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tenant" ADD COLUMN "deletion_requested_by" text;--> statement-breakpoint
ALTER TABLE "issued_invoice" ADD CONSTRAINT "issued_invoice_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE set null ON UPDATE no action;