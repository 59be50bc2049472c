-- Storage keys of social media were taken from clients before media references existed: a key
-- that was never resolved on the server is dropped, the public address stays (security fix).
UPDATE "social_post_target" SET "media" = (
  SELECT coalesce(jsonb_agg(CASE WHEN m ? 'source' THEN m ELSE m - 'fileKey' END ORDER BY ord), '[]'::jsonb)
  FROM jsonb_array_elements("media") WITH ORDINALITY AS e(m, ord)
)
WHERE "media" <> '[]'::jsonb;
