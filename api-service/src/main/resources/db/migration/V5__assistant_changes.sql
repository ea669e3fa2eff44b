-- Updates and deletes (docs/contract.md §7). The assistants row stays the latest version; a delete keeps the row
-- with deleted_at set, so that its history, its sync state and a re-sync of the delete remain possible.
ALTER TABLE assistants ADD COLUMN deleted_at timestamptz;

-- One row per version of an assistant: what the change was, which editable fields it set or changed, who made it
-- and when. The history endpoint reads it, newest version first.
CREATE TABLE assistant_versions (
    assistant_id   varchar(21)  NOT NULL,
    version        bigint       NOT NULL,
    change         varchar(16)  NOT NULL,
    -- the editable fields, in the resource's field order
    changed_fields text[]       NOT NULL DEFAULT '{}',
    changed_by     varchar(255) NOT NULL,
    changed_at     timestamptz  NOT NULL,
    PRIMARY KEY (assistant_id, version),
    CONSTRAINT assistant_versions_change_known CHECK (change IN ('CREATED', 'UPDATED', 'DELETED'))
);

-- every assistant so far was only created: its version 1 set the fields it has
INSERT INTO assistant_versions (assistant_id, version, change, changed_fields, changed_by, changed_at)
SELECT id, version, 'CREATED',
       array_remove(ARRAY[
           CASE WHEN name IS NOT NULL THEN 'name' END,
           CASE WHEN emoji IS NOT NULL THEN 'emoji' END,
           CASE WHEN description IS NOT NULL THEN 'description' END,
           CASE WHEN category IS NOT NULL THEN 'category' END,
           CASE WHEN cardinality(tags) > 0 THEN 'tags' END,
           CASE WHEN instructions IS NOT NULL THEN 'instructions' END,
           CASE WHEN visibility IS NOT NULL THEN 'visibility' END]::text[], NULL),
       owner_id, created_at
FROM assistants;

-- The version each sync result is about, so that a version's results can be told from the next one's.
ALTER TABLE sync_results ADD COLUMN version bigint;
UPDATE sync_results SET version = COALESCE(CAST(CAST(payload AS json) ->> 'version' AS bigint), 1);
ALTER TABLE sync_results ALTER COLUMN version SET NOT NULL;
CREATE INDEX sync_results_by_assistant_version ON sync_results (assistant_id, version);
