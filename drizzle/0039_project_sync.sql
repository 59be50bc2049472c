CREATE TABLE "project_connector" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"kind" text DEFAULT 'plane' NOT NULL,
	"base_url" text NOT NULL,
	"workspace_slug" text NOT NULL,
	"remote_project_id" text NOT NULL,
	"api_key_sealed" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"last_pull_at" timestamp with time zone,
	"last_error" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_connector_kind" UNIQUE("tenant_id","kind")
);
--> statement-breakpoint
ALTER TABLE "project_connector" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "project_connector_link" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"connector_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"remote_id" text NOT NULL,
	"remote_updated_at" timestamp with time zone,
	"local_updated_at" timestamp with time zone,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "project_connector_link_task" UNIQUE("connector_id","task_id"),
	CONSTRAINT "project_connector_link_remote" UNIQUE("connector_id","remote_id")
);
--> statement-breakpoint
ALTER TABLE "project_connector_link" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "project_sync_client" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"token_hint" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "project_sync_client_token" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "project_sync_client" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "project_webhook" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"events" text[] NOT NULL,
	"secret_sealed" text NOT NULL,
	"previous_secret_sealed" text,
	"previous_secret_until" timestamp with time zone,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "project_webhook" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "project_webhook_delivery" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"webhook_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"event" text NOT NULL,
	"body" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"response_status" integer,
	"response_excerpt" text,
	"error" text,
	"duration_ms" integer,
	"replay_of" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "project_webhook_delivery" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "project" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "project" ADD COLUMN "external_updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "project" ADD COLUMN "synced_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "project_task" ADD COLUMN "external_updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "project_task" ADD COLUMN "synced_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "project_connector" ADD CONSTRAINT "project_connector_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_connector" ADD CONSTRAINT "project_connector_created_by_auth_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_connector_link" ADD CONSTRAINT "project_connector_link_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_connector_link" ADD CONSTRAINT "project_connector_link_connector_id_project_connector_id_fk" FOREIGN KEY ("connector_id") REFERENCES "public"."project_connector"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_connector_link" ADD CONSTRAINT "project_connector_link_task_id_project_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."project_task"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_sync_client" ADD CONSTRAINT "project_sync_client_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_sync_client" ADD CONSTRAINT "project_sync_client_created_by_auth_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_webhook" ADD CONSTRAINT "project_webhook_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_webhook" ADD CONSTRAINT "project_webhook_created_by_auth_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_webhook_delivery" ADD CONSTRAINT "project_webhook_delivery_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_webhook_delivery" ADD CONSTRAINT "project_webhook_delivery_webhook_id_project_webhook_id_fk" FOREIGN KEY ("webhook_id") REFERENCES "public"."project_webhook"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_webhook_tenant" ON "project_webhook" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "project_webhook_delivery_log" ON "project_webhook_delivery" USING btree ("tenant_id","webhook_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
ALTER TABLE "project" ADD CONSTRAINT "project_external" UNIQUE("tenant_id","external_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "project_connector" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "project_connector_link" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "project_sync_client" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "project_webhook" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "project_webhook_delivery" AS PERMISSIVE FOR ALL TO "immoxx_app" USING ("tenant_id" = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id" = current_setting('app.tenant_id', true));