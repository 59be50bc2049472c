ALTER TABLE "tenant_settings" ADD COLUMN "legal_name" text;--> statement-breakpoint
ALTER TABLE "tenant_settings" ADD COLUMN "representative" text;--> statement-breakpoint
ALTER TABLE "tenant_settings" ADD COLUMN "register_entry" text;--> statement-breakpoint
ALTER TABLE "tenant_settings" ADD COLUMN "vat_id" text;--> statement-breakpoint
ALTER TABLE "tenant_settings" ADD COLUMN "licence34c" text;--> statement-breakpoint
ALTER TABLE "tenant_settings" ADD COLUMN "supervisory_authority" text;--> statement-breakpoint
ALTER TABLE "tenant_settings" ADD COLUMN "chamber" text;--> statement-breakpoint
ALTER TABLE "tenant_settings" ADD COLUMN "privacy_policy" text;