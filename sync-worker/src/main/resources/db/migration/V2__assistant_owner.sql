-- Who owns each assistant (docs/contract.md §8): the producer's token subject, as the event carries it.
-- NULL for assistants synced from events written before owners existed.
ALTER TABLE assistants ADD COLUMN owner_id varchar(255);
