ALTER TABLE "inbox_message" ALTER COLUMN "uid" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "inbox_mailbox" ADD COLUMN "smtp_host" text;--> statement-breakpoint
ALTER TABLE "inbox_mailbox" ADD COLUMN "smtp_port" integer;--> statement-breakpoint
ALTER TABLE "inbox_mailbox" ADD COLUMN "smtp_tls" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "inbox_mailbox" ADD COLUMN "smtp_from" text;--> statement-breakpoint
ALTER TABLE "inbox_message" ADD COLUMN "direction" text DEFAULT 'eingang' NOT NULL;--> statement-breakpoint
ALTER TABLE "inbox_message" ADD COLUMN "thread_id" uuid;--> statement-breakpoint
ALTER TABLE "inbox_message" ADD COLUMN "to_address" text;--> statement-breakpoint
CREATE INDEX "inbox_message_message_id_idx" ON "inbox_message" USING btree ("tenant_id","message_id");--> statement-breakpoint
CREATE INDEX "inbox_message_thread_idx" ON "inbox_message" USING btree ("thread_id");