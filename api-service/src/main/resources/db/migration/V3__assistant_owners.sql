-- Who owns each assistant (docs/contract.md §8): the producer's token subject (or configured claim). Assistants
-- accepted before owners existed belong to 'anonymous', the one owner of assistants.security.mode=none.
ALTER TABLE assistants ADD COLUMN owner_id varchar(255) NOT NULL DEFAULT 'anonymous';
ALTER TABLE assistants ALTER COLUMN owner_id DROP DEFAULT;
CREATE INDEX assistants_by_owner ON assistants (owner_id, created_at DESC, id DESC);
-- every list is one owner's now
DROP INDEX assistants_newest_first;

-- An Idempotency-Key is the owner's own: the same key from two owners names two requests.
ALTER TABLE idempotency_keys ADD COLUMN owner_id varchar(255) NOT NULL DEFAULT 'anonymous';
ALTER TABLE idempotency_keys ALTER COLUMN owner_id DROP DEFAULT;
ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey;
ALTER TABLE idempotency_keys ADD PRIMARY KEY (owner_id, idempotency_key);
