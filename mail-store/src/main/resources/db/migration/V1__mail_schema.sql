-- Mail platform schema: domains, accounts, aliases, mailboxes, messages.
-- The only place the schema lives; applied by org.mailplatform.store.migration.MigrateDatabase
-- (Helm hook Job, local stack) before any service starts.
--
-- Lock order for every writer (avoids deadlocks between deliveries, IMAP and admin changes):
--   delivery_ledger rows, then accounts rows (ascending id), then mailboxes rows (ascending id).
-- Every change to a mailbox's messages first takes that mailbox row's lock by bumping
-- highest_modseq (and uid_next when appending), so per-mailbox changes are serialised and a
-- UID becomes visible only after every smaller UID of that mailbox has committed or vanished.

-- RFC 9051 2.3.1.1: a mailbox re-created under an old name MUST get a different UIDVALIDITY.
-- One database-wide sequence never repeats a value; starting it at the current Unix time keeps a
-- database rebuilt from scratch from handing out values that clients may still have cached.
CREATE SEQUENCE mailbox_uid_validity_seq AS bigint MINVALUE 1 MAXVALUE 4294967295 CYCLE;
DO $$
BEGIN
    PERFORM setval('mailbox_uid_validity_seq', extract(epoch FROM clock_timestamp())::bigint);
END
$$;

CREATE TABLE domains (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- ASCII (A-label) form, lower case: RFC 5321 2.4 domain names are case-insensitive.
    name        text        NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT domains_name_form CHECK (name = lower(name) AND length(name) BETWEEN 1 AND 253)
);

CREATE TABLE accounts (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    domain_id      bigint      NOT NULL REFERENCES domains (id),
    local_part     text        NOT NULL,
    -- Argon2 (or imported bcrypt) hash in its modular crypt form; never a password.
    password_hash  text        NOT NULL,
    quota_bytes    bigint      NOT NULL DEFAULT 0,   -- 0: no quota
    used_bytes     bigint      NOT NULL DEFAULT 0,
    disabled       boolean     NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL DEFAULT now(),
    -- RFC 5321 4.5.3.1.1: a local part is at most 64 octets.
    CONSTRAINT accounts_local_part_form CHECK (octet_length(local_part) BETWEEN 1 AND 64),
    CONSTRAINT accounts_password_is_hash CHECK (password_hash ~ '^\$(argon2(id|i|d)|2[aby]?)\$'),
    CONSTRAINT accounts_quota_positive CHECK (quota_bytes >= 0)
);
-- An address is unique whatever the case of its local part (the domain is already lower case).
CREATE UNIQUE INDEX accounts_address_key ON accounts (domain_id, lower(local_part));

CREATE TABLE aliases (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    domain_id   bigint      NOT NULL REFERENCES domains (id) ON DELETE CASCADE,
    local_part  text,                                -- NULL: catch-all for the domain
    target      text        NOT NULL,                -- full address, local or remote
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT aliases_target_form CHECK (position('@' IN target) > 1)
);
CREATE UNIQUE INDEX aliases_source_target_key ON aliases (domain_id, coalesce(lower(local_part), ''), lower(target));
CREATE INDEX aliases_source ON aliases (domain_id, lower(local_part));

CREATE TABLE mailboxes (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id      bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name            text        NOT NULL,            -- UTF-8, '/' separates hierarchy levels
    uid_validity    bigint      NOT NULL DEFAULT nextval('mailbox_uid_validity_seq'),
    uid_next        bigint      NOT NULL DEFAULT 1,
    highest_modseq  bigint      NOT NULL DEFAULT 1,
    special_use     text,                            -- RFC 6154 attribute
    subscribed      boolean     NOT NULL DEFAULT true,
    -- false: kept only as the parent of other mailboxes (\Noselect, RFC 3501 6.3.4)
    selectable      boolean     NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT mailboxes_name_key UNIQUE (account_id, name),
    -- RFC 9051 2.3.1.1: UIDs are 32-bit; uid_next = 2^32 means the UID space is used up.
    CONSTRAINT mailboxes_uid_next_range CHECK (uid_next BETWEEN 1 AND 4294967296),
    CONSTRAINT mailboxes_special_use_known CHECK (special_use IN ('\All', '\Archive', '\Drafts', '\Flagged', '\Junk', '\Sent', '\Trash'))
);

-- The raw RFC 5322 bytes of a delivered or appended message, stored once however many
-- mailboxes hold it. Parsed ENVELOPE and BODYSTRUCTURE come from the parser, as given.
CREATE TABLE message_bodies (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    content         bytea       NOT NULL,
    size            bigint      NOT NULL,
    sha256          bytea       NOT NULL,
    envelope        jsonb,
    body_structure  jsonb,
    search_vector   tsvector,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT message_bodies_size_matches CHECK (size = octet_length(content)),
    CONSTRAINT message_bodies_sha256_form CHECK (octet_length(sha256) = 32)
);
-- Uncompressed out-of-line storage lets substring() read a slice without decompressing the
-- whole value, so large messages stream in chunks and partial FETCH reads only what it needs.
ALTER TABLE message_bodies ALTER COLUMN content SET STORAGE EXTERNAL;
CREATE INDEX message_bodies_search ON message_bodies USING gin (search_vector);
CREATE INDEX message_bodies_sha256 ON message_bodies (sha256);

CREATE TABLE messages (
    mailbox_id     bigint      NOT NULL REFERENCES mailboxes (id) ON DELETE CASCADE,
    uid            bigint      NOT NULL,
    body_id        bigint      NOT NULL REFERENCES message_bodies (id),
    -- Per-recipient header lines (Return-Path, Delivered-To) shown before the shared body.
    header_prefix  bytea       NOT NULL DEFAULT '\x',
    size           bigint      NOT NULL,             -- RFC822.SIZE: prefix + body
    modseq         bigint      NOT NULL,             -- RFC 7162
    -- \Seen 1, \Answered 2, \Flagged 4, \Deleted 8, \Draft 16
    flags          smallint    NOT NULL DEFAULT 0,
    keywords       text[]      NOT NULL DEFAULT '{}',
    internal_date  timestamptz NOT NULL,
    PRIMARY KEY (mailbox_id, uid),
    CONSTRAINT messages_uid_range CHECK (uid BETWEEN 1 AND 4294967295),
    CONSTRAINT messages_flags_known CHECK (flags BETWEEN 0 AND 31)
);
CREATE INDEX messages_changed ON messages (mailbox_id, modseq);
CREATE INDEX messages_body ON messages (body_id);
CREATE INDEX messages_internal_date ON messages (mailbox_id, internal_date);
CREATE INDEX messages_unseen ON messages (mailbox_id, uid) WHERE flags & 1 = 0;
CREATE INDEX messages_deleted ON messages (mailbox_id, uid) WHERE flags & 8 <> 0;
CREATE INDEX messages_keywords ON messages USING gin (keywords);

-- RFC 7162 3.2.10: what QRESYNC reports as VANISHED after a client's last known MODSEQ.
CREATE TABLE expunged_messages (
    mailbox_id   bigint      NOT NULL REFERENCES mailboxes (id) ON DELETE CASCADE,
    uid          bigint      NOT NULL,
    modseq       bigint      NOT NULL,
    expunged_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (mailbox_id, uid)
);
CREATE INDEX expunged_messages_modseq ON expunged_messages (mailbox_id, modseq);

-- One row per (queue id, final recipient) ever delivered: a redelivered Kafka record finds its
-- row and makes no second copy. No foreign keys: the ledger outlives mailboxes and accounts.
CREATE TABLE delivery_ledger (
    queue_id      text        NOT NULL,
    recipient     text        NOT NULL,              -- lower-case account address
    account_id    bigint      NOT NULL,
    mailbox_id    bigint,
    uid_validity  bigint,
    uid           bigint,
    modseq        bigint,
    delivered_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (queue_id, recipient)
);
CREATE INDEX delivery_ledger_delivered_at ON delivery_ledger (delivered_at);
