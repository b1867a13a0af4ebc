-- Sieve scripts (RFC 5228) per account, managed over ManageSieve (RFC 5804) and the admin API, and
-- run by the MDA at delivery. RFC 5804 2.8: at most one script of an account is active.
CREATE TABLE sieve_scripts (
    account_id  bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    -- RFC 5804 1.6: a script name is a non-empty UTF-8 string without control characters.
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 128 AND name !~ '[[:cntrl:]]'),
    content     text        NOT NULL,
    active      boolean     NOT NULL DEFAULT false,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, name)
);
CREATE UNIQUE INDEX sieve_scripts_one_active ON sieve_scripts (account_id) WHERE active;

-- RFC 5230 4.2: a vacation reply goes to one sender at most once per period. One row per account,
-- reply handle (the :handle or a digest of the reason) and sender; expired rows are purged.
CREATE TABLE sieve_vacation_replies (
    account_id  bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    handle      text        NOT NULL,
    sender      text        NOT NULL,
    replied_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    PRIMARY KEY (account_id, handle, sender)
);
CREATE INDEX sieve_vacation_replies_expiry ON sieve_vacation_replies (expires_at);
