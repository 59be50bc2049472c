-- Row-level security only lets the planner use an index for a condition whose operator is
-- LEAKPROOF; otherwise the condition runs after the tenant check, row by row. Full-text
-- matching (tsvector @@ tsquery) and jsonb containment (roles @> '["kaeufer"]') cannot
-- reveal row contents through errors or side effects, so marking them leakproof keeps
-- tenant isolation intact and lets the GIN indexes work. Only a superuser may do this; on a
-- managed server without that right the queries stay correct, just slower (see README).
DO $$
BEGIN
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    ALTER FUNCTION pg_catalog.ts_match_vq(tsvector, tsquery) LEAKPROOF;
    ALTER FUNCTION pg_catalog.jsonb_contains(jsonb, jsonb) LEAKPROOF;
  ELSE
    RAISE NOTICE 'ImmoXX: not a superuser; full-text search under RLS will not use its GIN index';
  END IF;
END $$;
