-- The message trace: a compact log of what happened to each message at each service, for the admin
-- API's "where is message X". One row per event and recipient (accepted, relayed, deferred, bounced,
-- delivered, dead-lettered); what each kind knows (reply, host, mailbox and UID ...) is in detail.
-- The log is advisory: services write it asynchronously and never wait on it or fail mail over it.
-- Rows older than mailplatform.trace.retention are deleted by the replicas as they go.
CREATE TABLE message_events (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    queue_id   text        NOT NULL CHECK (length(queue_id) <= 200),
    message_id text        CHECK (length(message_id) <= 1000),
    recipient  text        CHECK (length(recipient) <= 600),
    kind       text        NOT NULL CHECK (kind IN ('accepted', 'relayed', 'deferred', 'bounced', 'delivered',
                                                    'dead-lettered')),
    at         timestamptz NOT NULL,
    service    text        NOT NULL CHECK (length(service) <= 100),
    detail     jsonb       NOT NULL DEFAULT '{}'
);

-- The three lookups: by queue id, by Message-ID, by recipient within a time range; and the purge by age.
CREATE INDEX message_events_queue_id ON message_events (queue_id, at);
CREATE INDEX message_events_message_id ON message_events (message_id) WHERE message_id IS NOT NULL;
CREATE INDEX message_events_recipient ON message_events (lower(recipient), at) WHERE recipient IS NOT NULL;
CREATE INDEX message_events_at ON message_events (at);
