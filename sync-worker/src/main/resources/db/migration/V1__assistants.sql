-- Placeholder; the authoritative assistants table is defined by the sync-worker feature work.
SELECT 1;
