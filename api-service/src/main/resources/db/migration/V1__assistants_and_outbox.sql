-- Placeholder; the assistants, outbox and idempotency tables are defined by the api-service feature work.
SELECT 1;
