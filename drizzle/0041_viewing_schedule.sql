ALTER TABLE "viewings_participant" ADD COLUMN "next_reminder_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "viewings_participant" ADD COLUMN "feedback_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "viewings_participant_reminder" ON "viewings_participant" USING btree ("next_reminder_at");--> statement-breakpoint
CREATE INDEX "viewings_participant_feedback" ON "viewings_participant" USING btree ("feedback_at");