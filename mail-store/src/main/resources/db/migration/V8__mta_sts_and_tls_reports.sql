-- MTA-STS (RFC 8461) and SMTP TLS reporting (RFC 8460) of the outbound MTA, shared by its replicas.

-- The last policy fetched per recipient domain (RFC 8461 5.1: cached until max_age runs out, and
-- used while a refresh fails). policy_id is the id of the _mta-sts TXT record it was fetched under.
CREATE TABLE mta_sts_policies (
    domain     text        PRIMARY KEY CHECK (domain = lower(domain) AND length(domain) <= 253),
    policy_id  text        NOT NULL,
    policy     text        NOT NULL,
    fetched_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
);

-- Counted TLS sessions per UTC day, policy domain and outcome (RFC 8460 4.4). result_type is
-- 'success' or one of the result types of RFC 8460 4.3; the mx and ip columns are '' for successes.
CREATE TABLE tls_report_counts (
    day            date   NOT NULL,
    policy_domain  text   NOT NULL CHECK (length(policy_domain) <= 253),
    policy_type    text   NOT NULL CHECK (policy_type IN ('sts', 'tlsa', 'no-policy-found')),
    policy         text   NOT NULL,
    result_type    text   NOT NULL,
    receiving_mx   text   NOT NULL,
    receiving_ip   text   NOT NULL,
    failure_reason text   NOT NULL,
    sessions       bigint NOT NULL CHECK (sessions > 0),
    PRIMARY KEY (day, policy_domain, policy_type, policy, result_type, receiving_mx, receiving_ip, failure_reason)
);

-- One row per report sent (or claimed by the replica sending it), so a day is reported once.
CREATE TABLE tls_reports_sent (
    day           date        NOT NULL,
    policy_domain text        NOT NULL,
    report_id     text        NOT NULL,
    sent_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (day, policy_domain)
);
