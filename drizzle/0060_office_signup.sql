CREATE TABLE "office_onboarding" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"dismissed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "office_onboarding" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "office_signup" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"office_name" text NOT NULL,
	"subdomain" text NOT NULL,
	"password_hash" text,
	"with_demo_data" boolean DEFAULT false NOT NULL,
	"locale" text DEFAULT 'de' NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone,
	"tenant_id" text,
	"demo_data_status" text,
	CONSTRAINT "office_signup_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "office_signup" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "office_onboarding" ADD CONSTRAINT "office_onboarding_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_signup" ADD CONSTRAINT "office_signup_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "office_signup_email_index" ON "office_signup" USING btree ("email");--> statement-breakpoint
CREATE INDEX "office_signup_subdomain_index" ON "office_signup" USING btree ("subdomain");--> statement-breakpoint
CREATE INDEX "office_signup_tenant_id_index" ON "office_signup" USING btree ("tenant_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "office_onboarding" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "office_signup" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));