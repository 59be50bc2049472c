-- Every stored file of a removed document version or signature goes to the garbage list, also
-- when the row disappears by cascade (a property deleted, a contact erased). SECURITY DEFINER:
-- the list is written whatever role deletes, and row-level security cannot refuse it.
CREATE OR REPLACE FUNCTION document_file_to_garbage() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_TABLE_NAME = 'document_version' THEN
    INSERT INTO document_file_garbage (tenant_id, file_key) VALUES (OLD.tenant_id, OLD.file_key);
  ELSIF OLD.signature_file_key IS NOT NULL THEN
    INSERT INTO document_file_garbage (tenant_id, file_key) VALUES (OLD.tenant_id, OLD.signature_file_key);
  END IF;
  RETURN OLD;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER document_version_file_garbage AFTER DELETE ON document_version
  FOR EACH ROW EXECUTE FUNCTION document_file_to_garbage();
--> statement-breakpoint
CREATE TRIGGER signature_signer_file_garbage AFTER DELETE ON signature_signer
  FOR EACH ROW EXECUTE FUNCTION document_file_to_garbage();
