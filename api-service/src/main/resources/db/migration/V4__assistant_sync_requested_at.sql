-- When the assistant's current pending-create event was written: the reconciler republishes an assistant that
-- has stayed PENDING, with neither its outbox row nor a sync result, for longer than assistants.reconcile.stale-after.
ALTER TABLE assistants ADD COLUMN sync_requested_at timestamptz;
UPDATE assistants SET sync_requested_at = COALESCE(last_attempt_at, created_at);
ALTER TABLE assistants ALTER COLUMN sync_requested_at SET NOT NULL;
CREATE INDEX assistants_pending_by_request ON assistants (sync_requested_at) WHERE sync_status = 'PENDING';

-- whether an assistant's event still waits in the outbox
CREATE INDEX outbox_by_aggregate ON outbox (aggregate_id);
