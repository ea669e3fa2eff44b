-- Deletes (docs/contract.md §7) leave a tombstone: the row keeps its id, owner, version, synced_at and
-- source_event_id, gets deleted_at, and loses its content, so that no older change brings the assistant back.
-- NULL deleted_at = a live assistant, which must have its content: the former NOT NULLs become checks of live rows.
ALTER TABLE assistants ADD COLUMN deleted_at timestamptz;

ALTER TABLE assistants
    ALTER COLUMN name DROP NOT NULL,
    ALTER COLUMN emoji DROP NOT NULL,
    ALTER COLUMN visibility DROP NOT NULL,
    ALTER COLUMN created_at DROP NOT NULL,
    ALTER COLUMN updated_at DROP NOT NULL;

ALTER TABLE assistants ADD CONSTRAINT assistants_live_content CHECK (
    deleted_at IS NOT NULL
    OR (name IS NOT NULL AND emoji IS NOT NULL AND visibility IS NOT NULL AND created_at IS NOT NULL
        AND updated_at IS NOT NULL));

ALTER TABLE assistants ADD CONSTRAINT assistants_tombstone_empty CHECK (
    deleted_at IS NULL
    OR (name IS NULL AND emoji IS NULL AND description IS NULL AND category IS NULL AND cardinality(tags) = 0
        AND instructions IS NULL AND visibility IS NULL AND created_at IS NULL AND updated_at IS NULL));
