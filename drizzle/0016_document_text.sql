ALTER TABLE "document" ADD COLUMN "text_status" text DEFAULT 'ausstehend' NOT NULL;--> statement-breakpoint
ALTER TABLE "document" ADD COLUMN "text_note" text;--> statement-breakpoint
ALTER TABLE "document" ADD COLUMN "text_job_run_id" text;--> statement-breakpoint
ALTER TABLE "document" ADD COLUMN "category_source" text DEFAULT 'manuell' NOT NULL;--> statement-breakpoint
ALTER TABLE "document" ADD COLUMN "suggested_category" text;--> statement-breakpoint
ALTER TABLE "document" ADD COLUMN "category_confidence" real;--> statement-breakpoint
ALTER TABLE "document" ADD COLUMN "category_reason" jsonb;--> statement-breakpoint
ALTER TABLE "document" ADD COLUMN "energy_facts" jsonb;