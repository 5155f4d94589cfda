-- Evidence that holds up: an acknowledgement or endorsement records the entry's version it
-- was given on (entry_version), and the entry records the version at which what it says
-- last changed (content_version: title, description, kinds, date or links, the audience
-- alone does not count). One is current while entry_version >= content_version. A
-- trigger keeps content_version, so every writer of evidence (edits, imports, anything
-- later) keeps it right without knowing. (Semicolons inside function bodies are written
-- \073: Prisma's pg adapter splits scripts at every semicolon.)
ALTER TABLE "evidence" ADD COLUMN "content_version" INTEGER NOT NULL DEFAULT 1;

CREATE FUNCTION "track_evidence_content_version"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF (OLD.title, OLD.description, OLD.kinds, OLD.occurred_on, OLD.links)
     IS DISTINCT FROM (NEW.title, NEW.description, NEW.kinds, NEW.occurred_on, NEW.links) THEN
    -- A writer that forgot to count the change still makes a new version.
    IF NEW.version <= OLD.version THEN
      NEW.version := OLD.version + 1\073
    END IF\073
    NEW.content_version := NEW.version\073
  END IF\073
  RETURN NEW\073
END
';

CREATE TRIGGER "evidence_content_version" BEFORE UPDATE ON "evidence"
  FOR EACH ROW EXECUTE FUNCTION "track_evidence_content_version"();

-- Existing acknowledgements and endorsements were given on some version before this one:
-- unknown, so they are taken as given on today's (current), which is what they showed.
ALTER TABLE "acknowledgements" ADD COLUMN "entry_version" INTEGER;
ALTER TABLE "endorsements" ADD COLUMN "entry_version" INTEGER;
UPDATE "acknowledgements" a SET "entry_version" = e."version" FROM "evidence" e WHERE e.id = a.evidence_id;
UPDATE "endorsements" n SET "entry_version" = e."version" FROM "evidence" e WHERE e.id = n.evidence_id;
ALTER TABLE "acknowledgements" ALTER COLUMN "entry_version" SET NOT NULL;
ALTER TABLE "endorsements" ALTER COLUMN "entry_version" SET NOT NULL;

-- One acknowledgement per person and entry: acknowledging again replaces the earlier one,
-- and a repeat (a double click, two racing requests) finds this index instead of storing
-- a second. Of earlier duplicates the latest stays. The unique index also serves the
-- lookups by entry that the plain index served.
DELETE FROM "acknowledgements" a USING "acknowledgements" b
 WHERE a.evidence_id = b.evidence_id AND a.by_id = b.by_id
   AND (a.created_at, a.id) < (b.created_at, b.id);
DROP INDEX "acknowledgements_evidence_id_idx";
CREATE UNIQUE INDEX "acknowledgements_evidence_id_by_id_key" ON "acknowledgements"("evidence_id", "by_id");
