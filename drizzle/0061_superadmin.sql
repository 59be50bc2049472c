CREATE TABLE "superadmin" (
	"user_id" text PRIMARY KEY NOT NULL,
	"granted_by" text NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "superadmin" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "superadmin_audit" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"user_email" text NOT NULL,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"status_code" text NOT NULL,
	"tenant_id" text,
	"ip_address" text,
	"details" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "superadmin_audit" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "tenant" ADD COLUMN "deactivated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "superadmin" ADD CONSTRAINT "superadmin_user_id_auth_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "superadmin_audit_created_at_index" ON "superadmin_audit" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "superadmin_audit_tenant_id_created_at_index" ON "superadmin_audit" USING btree ("tenant_id","created_at");