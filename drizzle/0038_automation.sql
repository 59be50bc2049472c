CREATE TABLE "project_automation_rule" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"trigger" text NOT NULL,
	"conditions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"actions" jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "project_automation_rule" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "project_automation_run" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"rule_id" uuid NOT NULL,
	"event" text NOT NULL,
	"payload" jsonb NOT NULL,
	"depth" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"outcome" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"event_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "project_automation_run" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "project_automation_rule" ADD CONSTRAINT "project_automation_rule_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_automation_rule" ADD CONSTRAINT "project_automation_rule_created_by_auth_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_automation_run" ADD CONSTRAINT "project_automation_run_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_automation_run" ADD CONSTRAINT "project_automation_run_rule_id_project_automation_rule_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."project_automation_rule"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_automation_rule_trigger" ON "project_automation_rule" USING btree ("tenant_id","trigger");--> statement-breakpoint
CREATE INDEX "project_automation_run_rule" ON "project_automation_run" USING btree ("tenant_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "project_automation_run_by_rule" ON "project_automation_run" USING btree ("rule_id","created_at");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "project_automation_rule" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "project_automation_run" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE TRIGGER project_automation_run_list_change_insert AFTER INSERT ON project_automation_run
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION immoxx_notify_list_change();
--> statement-breakpoint
CREATE TRIGGER project_automation_run_list_change_update AFTER UPDATE ON project_automation_run
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION immoxx_notify_list_change();
--> statement-breakpoint
CREATE TRIGGER project_automation_run_list_change_delete AFTER DELETE ON project_automation_run
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION immoxx_notify_list_change();
