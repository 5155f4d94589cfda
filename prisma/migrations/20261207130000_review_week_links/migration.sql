-- A weekly review suggestion's pull requests become the accepted entry's links: the drafts
-- now carry them in `details.links` (what accepting reads); open suggestions offered before
-- get theirs from `details.pullRequests`.
UPDATE "suggestions"
   SET "details" = "details" || jsonb_build_object('links', (
         SELECT coalesce(jsonb_agg(p -> 'url'), '[]'::jsonb)
           FROM jsonb_array_elements("details" -> 'pullRequests') AS p))
 WHERE "status" = 'open'
   AND jsonb_typeof("details" -> 'pullRequests') = 'array'
   AND NOT ("details" ? 'links');
