-- The authoritative store (CONTRACT.md §4): every resource field except sync, plus synced_at and
-- source_event_id. Lengths are enforced here too (varchar(n) counts characters, i.e. code points), so the
-- store rejects data that is invalid as such, whoever writes it.
CREATE TABLE assistants (
    id              varchar(21)    PRIMARY KEY,
    name            varchar(100)   NOT NULL CHECK (char_length(name) >= 1),
    emoji           varchar(16)    NOT NULL CHECK (char_length(emoji) >= 1),
    description     varchar(2000),
    category        varchar(50)    CHECK (category ~ '^[a-z0-9-]*$'),
    tags            text[]         NOT NULL DEFAULT '{}' CHECK (cardinality(tags) <= 20),
    instructions    varchar(20000),
    visibility      varchar(16)    NOT NULL CHECK (visibility IN ('PRIVATE', 'PUBLIC')),
    version         bigint         NOT NULL CHECK (version >= 1),
    created_at      timestamptz    NOT NULL,
    updated_at      timestamptz    NOT NULL,
    synced_at       timestamptz    NOT NULL,
    source_event_id varchar(64)    NOT NULL
);
