-- Every write to a listed table tells the app servers which office's list changed (issue 19):
-- they keep the counted total of a filtered list until its table changes for that office,
-- instead of counting up to 1,000 matching rows on every page request. NOTIFY is delivered at
-- commit (never for a rolled-back write) and repeated payloads in one transaction fold into one,
-- so a bulk import sends one message per office; no row is locked, so writers never wait.
CREATE OR REPLACE FUNCTION immoxx_notify_list_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changed_tenant text;
BEGIN
  FOR changed_tenant IN SELECT DISTINCT tenant_id FROM changed_rows LOOP
    PERFORM pg_notify('immoxx_list_change', TG_TABLE_NAME || ':' || changed_tenant);
  END LOOP;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER crm_property_list_change_insert AFTER INSERT ON crm_property
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION immoxx_notify_list_change();--> statement-breakpoint
CREATE TRIGGER crm_property_list_change_update AFTER UPDATE ON crm_property
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION immoxx_notify_list_change();--> statement-breakpoint
CREATE TRIGGER crm_property_list_change_delete AFTER DELETE ON crm_property
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION immoxx_notify_list_change();--> statement-breakpoint
CREATE TRIGGER crm_contact_list_change_insert AFTER INSERT ON crm_contact
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION immoxx_notify_list_change();--> statement-breakpoint
CREATE TRIGGER crm_contact_list_change_update AFTER UPDATE ON crm_contact
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION immoxx_notify_list_change();--> statement-breakpoint
CREATE TRIGGER crm_contact_list_change_delete AFTER DELETE ON crm_contact
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION immoxx_notify_list_change();
