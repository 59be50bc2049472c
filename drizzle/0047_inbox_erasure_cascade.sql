ALTER TABLE "inbox_message" DROP CONSTRAINT "inbox_message_contact_id_crm_contact_id_fk";
--> statement-breakpoint
ALTER TABLE "inbox_message" ADD CONSTRAINT "inbox_message_contact_id_crm_contact_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."crm_contact"("id") ON DELETE cascade ON UPDATE no action;