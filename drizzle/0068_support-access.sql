CREATE TABLE "support_access_grant" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"granted_by" text NOT NULL,
	"granted_by_name" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "support_access_grant" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "support_session" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"grant_id" uuid NOT NULL,
	"tenant_id" text NOT NULL,
	"operator_user_id" text NOT NULL,
	"operator_name" text NOT NULL,
	"operator_email" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "support_session_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "support_session" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "support_access_grant" ADD CONSTRAINT "support_access_grant_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_session" ADD CONSTRAINT "support_session_grant_id_support_access_grant_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."support_access_grant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_session" ADD CONSTRAINT "support_session_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "support_access_grant_tenant_id_created_at_index" ON "support_access_grant" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "support_session_tenant_id_started_at_index" ON "support_session" USING btree ("tenant_id","started_at");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "support_access_grant" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "office_reads_own_support_sessions" ON "support_session" AS PERMISSIVE FOR SELECT TO "immoxx_app" USING (tenant_id = current_setting('app.tenant_id', true));