ALTER TABLE "viewings_message" ADD COLUMN "provider_message_id" text;--> statement-breakpoint
CREATE INDEX "viewings_message_provider" ON "viewings_message" USING btree ("provider_message_id");