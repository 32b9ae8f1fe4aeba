-- Portable SQL: runs on PostgreSQL and on H2 in PostgreSQL mode (the embedded default).
-- Times are TIMESTAMP WITH TIME ZONE; binary data is BYTEA.

-- Stores become known when their agent first connects. The agent's Hello (printers and their
-- capabilities) is kept so invoices can be rendered for a store whose agent is offline.
CREATE TABLE stores (
    store_id        VARCHAR(63) PRIMARY KEY,
    first_seen      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen       TIMESTAMP WITH TIME ZONE NOT NULL,
    connected_since TIMESTAMP WITH TIME ZONE,
    agent_version   VARCHAR(64)  NOT NULL,
    hostname        VARCHAR(255) NOT NULL,
    hello           BYTEA        NOT NULL
);

-- The latest status of each printer of each store (a protobuf PrinterStatus).
CREATE TABLE store_printers (
    store_id   VARCHAR(63) NOT NULL,
    name       VARCHAR(64) NOT NULL,
    status     BYTEA       NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (store_id, name)
);

CREATE TABLE jobs (
    id              VARCHAR(36)  PRIMARY KEY,
    store_id        VARCHAR(63)  NOT NULL,
    type            VARCHAR(16)  NOT NULL,
    priority        INTEGER      NOT NULL,
    printer         VARCHAR(64)  NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    steps           INTEGER      NOT NULL,  -- number of rows in job_history
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at         TIMESTAMP WITH TIME ZONE,
    acknowledged    BOOLEAN      NOT NULL,
    deliveries      INTEGER      NOT NULL,
    bytes_written   BIGINT       NOT NULL,
    error_code      VARCHAR(40),
    error_message   VARCHAR(2000),
    printer_status  BYTEA,
    requested_by    VARCHAR(100) NOT NULL,
    idempotency_key VARCHAR(200),
    request_hash    VARCHAR(64),
    -- payload: bytes to print, or drawer pulse; invoices keep what they were rendered from
    print_data      BYTEA,
    drawer_pin      INTEGER,
    drawer_pulse_ms INTEGER,
    invoice_json    TEXT,
    render_printer  BYTEA,
    open_drawer     BOOLEAN
);
-- The delivery queue: a store's waiting jobs in order.
CREATE INDEX jobs_delivery ON jobs (store_id, state, priority, created_at, id);
-- The sweep: waiting jobs by expiry; retention: final jobs by age.
CREATE INDEX jobs_expiry ON jobs (state, expires_at);
CREATE INDEX jobs_updated ON jobs (updated_at);
-- One job per client and idempotency key (rows without a key are not constrained).
CREATE UNIQUE INDEX jobs_idempotency ON jobs (requested_by, idempotency_key);

-- Every transition of every job, with time and reason.
CREATE TABLE job_history (
    job_id VARCHAR(36)  NOT NULL,
    step   INTEGER      NOT NULL,
    state  VARCHAR(16)  NOT NULL,
    at     TIMESTAMP WITH TIME ZONE NOT NULL,
    reason VARCHAR(2000) NOT NULL,
    PRIMARY KEY (job_id, step)
);

-- Who (which API client) asked for what.
CREATE TABLE audit_log (
    id       VARCHAR(36)  PRIMARY KEY,
    at       TIMESTAMP WITH TIME ZONE NOT NULL,
    client   VARCHAR(100) NOT NULL,
    action   VARCHAR(40)  NOT NULL,
    store_id VARCHAR(63),
    job_id   VARCHAR(36),
    detail   VARCHAR(2000) NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);

-- ERP API tokens created with the CLI: only the SHA-256 is kept.
CREATE TABLE api_tokens (
    name       VARCHAR(100) PRIMARY KEY,
    sha256     VARCHAR(64)  NOT NULL UNIQUE,
    stores     VARCHAR(4000) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at TIMESTAMP WITH TIME ZONE
);
