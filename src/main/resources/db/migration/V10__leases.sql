-- Leases on the jobs one node does for the whole cluster (the learning loop's decisions, a training):
-- the holder renews its lease before expires_at; once it has passed, another node may take it.
CREATE TABLE leases (
    name        VARCHAR(100)  NOT NULL PRIMARY KEY,
    holder      VARCHAR(200)  NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
