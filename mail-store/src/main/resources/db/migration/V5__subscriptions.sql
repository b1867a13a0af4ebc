-- Subscriptions are names, not mailboxes (RFC 3501 6.3.6, RFC 9051 6.3.7): a name can be subscribed
-- before it exists, and it stays subscribed after DELETE, since the server MUST NOT remove a name
-- from the subscription list by itself. LIST (SUBSCRIBED) shows such names as \NonExistent
-- (RFC 5258 3). The boolean on mailboxes could not hold either case.
CREATE TABLE subscriptions (
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name       text   NOT NULL,            -- as mailboxes.name: UTF-8, '/' separates levels
    PRIMARY KEY (account_id, name)
);

INSERT INTO subscriptions (account_id, name)
SELECT account_id, name FROM mailboxes WHERE subscribed;

ALTER TABLE mailboxes DROP COLUMN subscribed;
