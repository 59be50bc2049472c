ALTER TABLE "model3d" DROP CONSTRAINT "model3d_property_id_crm_property_id_fk";
--> statement-breakpoint
ALTER TABLE "model3d" ADD CONSTRAINT "model3d_property_id_crm_property_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."crm_property"("id") ON DELETE set null ON UPDATE no action;