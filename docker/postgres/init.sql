-- Runs once, when the postgres container starts with an empty data volume.
-- Each service creates its own tables with Flyway; this only creates the two databases (docs/contract.md §4).
CREATE DATABASE assistants_api;
CREATE DATABASE assistants_authority;
