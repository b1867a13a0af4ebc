-- Login secrets beside the account's Argon2 password hash (mail-auth's CredentialStore).
--
-- SCRAM-SHA-256 verifier (RFC 5802 3, RFC 7677): derived from the password whenever it is set or
-- verified in the clear, so the server can check a SCRAM proof without ever holding the password.
-- An account without a row cannot log in with SCRAM until its next password change or PLAIN login.
CREATE TABLE account_scram (
    account_id  bigint      PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    salt        bytea       NOT NULL CHECK (length(salt) BETWEEN 16 AND 64),
    -- RFC 7677 4: at least 4096.
    iterations  integer     NOT NULL CHECK (iterations >= 4096),
    stored_key  bytea       NOT NULL CHECK (length(stored_key) = 32),
    server_key  bytea       NOT NULL CHECK (length(server_key) = 32),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- App passwords: random secrets an account hands to one client each, revocable one by one.
-- Only a SHA-256 of salt and secret is kept (the secret is 128+ random bits: no slow hash needed).
-- protocols: empty for any protocol, else the subset of smtp, imap, pop3, managesieve it may use.
CREATE TABLE app_passwords (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id  bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
    salt        bytea       NOT NULL,
    secret_hash bytea       NOT NULL CHECK (length(secret_hash) = 32),
    protocols   text[]      NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL DEFAULT now(),
    last_used   timestamptz,
    UNIQUE (account_id, name)
);
