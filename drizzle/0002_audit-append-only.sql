-- The audit log is append-only: the app role may insert and read, and nobody may rewrite history.
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_log" FROM immoxx_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_block_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION audit_log_block_update();
