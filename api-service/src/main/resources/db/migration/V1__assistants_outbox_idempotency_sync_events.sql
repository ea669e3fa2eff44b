-- The api-service's own database (CONTRACT.md §4: assistants_api).

-- Accepted assistants and their local view of the sync state.
CREATE TABLE assistants (
    id                 varchar(21)  PRIMARY KEY,
    name               text         NOT NULL,
    emoji              text         NOT NULL,
    description        text,
    category           varchar(50),
    tags               text[]       NOT NULL DEFAULT '{}',
    instructions       text,
    visibility         varchar(16)  NOT NULL,
    version            bigint       NOT NULL,
    created_at         timestamptz  NOT NULL,
    updated_at         timestamptz  NOT NULL,
    sync_status        varchar(16)  NOT NULL,
    -- the pending-create event whose results count; a manual re-sync replaces it, so results of an
    -- older event that arrive late are ignored
    sync_event_id      varchar(21)  NOT NULL,
    sync_attempts      integer      NOT NULL DEFAULT 0,
    last_error_type    text,
    last_error_message text,
    last_attempt_at    timestamptz,
    synced_at          timestamptz,
    CONSTRAINT assistants_sync_status_known CHECK (sync_status IN ('PENDING', 'SYNCED', 'FAILED'))
);

-- the list endpoint pages newest first by (created_at, id), optionally filtered by status
CREATE INDEX assistants_newest_first ON assistants (created_at DESC, id DESC);
CREATE INDEX assistants_by_status_newest_first ON assistants (sync_status, created_at DESC, id DESC);

-- Events committed with the change that caused them, waiting for the relay. A row is deleted once
-- Kafka has acknowledged it, so the table holds only the backlog.
CREATE TABLE outbox (
    id              bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    aggregate_id    varchar(21)  NOT NULL,
    event_id        varchar(21)  NOT NULL UNIQUE,
    topic           text         NOT NULL,
    record_key      text         NOT NULL,
    -- header name to UTF-8 value, in order; json (not jsonb) keeps the order
    headers         json         NOT NULL,
    -- the record value exactly as it is sent
    payload         bytea        NOT NULL,
    created_at      timestamptz  NOT NULL,
    attempts        integer      NOT NULL DEFAULT 0,
    last_error      text,
    last_attempt_at timestamptz
);

-- Idempotency-Key header values with the first answer given for them.
CREATE TABLE idempotency_keys (
    idempotency_key varchar(255) PRIMARY KEY,
    request_hash    varchar(64)  NOT NULL,
    assistant_id    varchar(21),
    response_status integer,
    response_body   text,
    created_at      timestamptz  NOT NULL
);

CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);

-- Every sync result received, once per eventId: the audit trail and the replay source of the
-- sync-events stream (Last-Event-ID).
CREATE TABLE sync_events (
    event_id        text         PRIMARY KEY,
    -- order of first receipt, for replay after a given event
    seq             bigint       GENERATED ALWAYS AS IDENTITY UNIQUE,
    assistant_id    text         NOT NULL,
    source_event_id text         NOT NULL,
    status          varchar(16)  NOT NULL,
    attempt         integer      NOT NULL,
    payload         text         NOT NULL,
    received_at     timestamptz  NOT NULL
);

CREATE INDEX sync_events_by_assistant ON sync_events (assistant_id, seq);
