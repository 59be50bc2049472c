ALTER TABLE "social_account" ADD COLUMN "followers" integer;--> statement-breakpoint
ALTER TABLE "social_account" ADD COLUMN "metrics_fetched_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "social_post_target" ADD COLUMN "first_comment" text;--> statement-breakpoint
ALTER TABLE "social_post_target" ADD COLUMN "first_comment_id" text;--> statement-breakpoint
ALTER TABLE "social_post_target" ADD COLUMN "first_comment_error" text;--> statement-breakpoint
ALTER TABLE "social_post_target" ADD COLUMN "metrics" jsonb;--> statement-breakpoint
ALTER TABLE "social_post_target" ADD COLUMN "metrics_fetched_at" timestamp with time zone;