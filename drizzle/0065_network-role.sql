-- The role a broker network's cross-office reads run as (SET LOCAL ROLE in withNetwork): only
-- the policies written for it apply, and it is granted SELECT on an office's tables one by one
-- (0067), never the app role's default privileges. Roles are cluster-wide, hence idempotent.
DO $$ BEGIN
  CREATE ROLE immoxx_network NOLOGIN;
EXCEPTION
  WHEN duplicate_object THEN NULL;
  WHEN unique_violation THEN NULL;
END $$;
--> statement-breakpoint
DO $$ BEGIN
  EXECUTE format('GRANT immoxx_network TO %I', current_user);
EXCEPTION
  WHEN others THEN NULL;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO immoxx_network;
