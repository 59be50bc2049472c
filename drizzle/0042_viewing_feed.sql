CREATE TABLE "viewings_feed" (
	"user_id" text NOT NULL,
	"tenant_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_fetched_at" timestamp with time zone,
	CONSTRAINT "viewings_feed_tokenHash_unique" UNIQUE("token_hash"),
	CONSTRAINT "viewings_feed_one_per_user" UNIQUE("tenant_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "viewings_feed" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "viewings_feed" ADD CONSTRAINT "viewings_feed_user_id_auth_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "viewings_feed" ADD CONSTRAINT "viewings_feed_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "viewings_feed" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));