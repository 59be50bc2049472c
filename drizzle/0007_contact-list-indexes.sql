DROP INDEX "crm_contact_tenant_status_created";--> statement-breakpoint
CREATE INDEX "crm_contact_tenant_created" ON "crm_contact" USING btree ("tenant_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "crm_contact_roles" ON "crm_contact" USING gin ("roles" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "crm_contact_tenant_status_created" ON "crm_contact" USING btree ("tenant_id","lead_status","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);