-- Failed logins counted for mail-auth's throttle, shared by every replica of every gateway so that
-- N replicas do not give a password guesser N times the attempts. One row per throttled key: an
-- account name ('a:' + lower-case address) or a client address ('c:' + hex, IPv6 per prefix).
-- A count starts again once the last failure is older than the throttle's window and no block is
-- running; rows past that point are deleted by the replicas as they go.
CREATE TABLE auth_failures (
    key           text        PRIMARY KEY CHECK (length(key) <= 400),
    failures      integer     NOT NULL CHECK (failures > 0),
    last_failure  timestamptz NOT NULL,
    blocked_until timestamptz
);

CREATE INDEX auth_failures_last_failure ON auth_failures (last_failure);
