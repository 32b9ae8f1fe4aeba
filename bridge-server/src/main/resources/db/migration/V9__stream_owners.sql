-- Several servers sharing one PostgreSQL (bridge.cluster.enabled): which server holds each store's
-- agent stream, and which servers are alive. Created on H2 as well (the migrations are the same
-- for both) but only written when the cluster is enabled, which H2 refuses.

-- The servers of the cluster, each beating every few seconds; one whose beat is old is dead, and
-- the streams it held are gone with it. Times are the database's clock, the one all servers share.
CREATE TABLE cluster_servers (
    server_id  VARCHAR(64) PRIMARY KEY,
    started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_beat  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The server holding each store's stream. Every new stream of a store claims the row and raises
-- its epoch: the newest connection wins everywhere, and a server whose stream holds an older epoch
-- closes it. A stream that ends clears server_id if the row is still its own; last_server stays,
-- so the next claim knows whether another server held the store before (and may have sent jobs in
-- its last moments whose SENT it never wrote).
CREATE TABLE stream_owners (
    store_id    VARCHAR(63) PRIMARY KEY,
    server_id   VARCHAR(64),
    last_server VARCHAR(64) NOT NULL,
    epoch       BIGINT      NOT NULL,
    since       TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX stream_owners_server ON stream_owners (server_id);
