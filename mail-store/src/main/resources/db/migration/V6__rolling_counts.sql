-- Counts over a rolling window shared by every replica (the MSA's recipients per account per hour):
-- one row per key and time bucket (a sixtieth of the window), so a window's total is a sum over at
-- most sixty rows and old buckets fall out of it one by one instead of all at once. Rows are deleted
-- once expired, by the replicas as they go.
CREATE TABLE rolling_counts (
    key        text        NOT NULL CHECK (length(key) <= 400),
    bucket     timestamptz NOT NULL,
    count      integer     NOT NULL CHECK (count > 0),
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (key, bucket)
);

CREATE INDEX rolling_counts_expires_at ON rolling_counts (expires_at);
