-- DKIM signing keys stored through the admin API (keys may also come from a mounted directory,
-- which the MTA reads itself). One row per domain and selector; the private key is PEM PKCS#8.
-- A key signs from signs_from on, so a rotated key waits until its DNS record has had time to
-- spread; of two keys of one algorithm the one with the later signs_from signs.
CREATE TABLE dkim_keys (
    domain_id   bigint      NOT NULL REFERENCES domains (id) ON DELETE CASCADE,
    selector    text        NOT NULL CHECK (selector = lower(selector) AND length(selector) BETWEEN 1 AND 253),
    algorithm   text        NOT NULL CHECK (algorithm IN ('rsa-sha256', 'ed25519-sha256')),
    private_key text        NOT NULL,
    signs_from  timestamptz NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (domain_id, selector)
);
