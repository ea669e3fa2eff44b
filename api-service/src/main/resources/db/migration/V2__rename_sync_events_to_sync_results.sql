-- The table of received sync results takes the name of what it holds, as the event and the code do.
-- Its index, constraints and identity sequence follow, so that every name still says which table it is of.
ALTER TABLE sync_events RENAME TO sync_results;
ALTER TABLE sync_results RENAME CONSTRAINT sync_events_pkey TO sync_results_pkey;
ALTER TABLE sync_results RENAME CONSTRAINT sync_events_seq_key TO sync_results_seq_key;
ALTER INDEX sync_events_by_assistant RENAME TO sync_results_by_assistant;
ALTER SEQUENCE sync_events_seq_seq RENAME TO sync_results_seq_seq;
