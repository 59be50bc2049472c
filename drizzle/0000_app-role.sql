-- The non-superuser role tenant-scoped queries run as (SET LOCAL ROLE per transaction),
-- so PostgreSQL row-level security applies to them; roles are cluster-wide, hence idempotent.
DO $$ BEGIN
  CREATE ROLE immoxx_app NOLOGIN;
EXCEPTION
  WHEN duplicate_object THEN NULL;
  WHEN unique_violation THEN NULL;
END $$;
--> statement-breakpoint
DO $$ BEGIN
  EXECUTE format('GRANT immoxx_app TO %I', current_user);
EXCEPTION
  WHEN others THEN NULL;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO immoxx_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO immoxx_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO immoxx_app;
