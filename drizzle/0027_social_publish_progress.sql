ALTER TABLE "social_post_target" ADD COLUMN "progress" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "social_post_target" ADD COLUMN "first_sent_at" timestamp with time zone;