-- Words inside German compounds ("Wohnung" in "Dachgeschosswohnung") and parts of object
-- numbers are found through a trigram index on title and object number (issue 18.8); the
-- full-text index cannot split compounds. pg_trgm is a trusted extension (PostgreSQL >= 13).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "crm_property_text_trgm" ON "crm_property" USING gin ((lower("title" || ' ' || "external_id")) gin_trgm_ops);
