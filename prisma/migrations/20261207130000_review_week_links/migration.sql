-- Accepting a weekly review suggestion makes an entry linking its pull requests: the drafts
-- now carry their addresses in details.links (what accepting reads). Open suggestions
-- offered before get them from details.pullRequests.
UPDATE "suggestions"
   SET "details" = "details" || jsonb_build_object('links', (
         SELECT coalesce(jsonb_agg(p -> 'url'), '[]'::jsonb)
           FROM jsonb_array_elements("details" -> 'pullRequests') AS p))
 WHERE "status" = 'open'
   AND jsonb_typeof("details" -> 'pullRequests') = 'array'
   AND "details" -> 'links' IS NULL;
