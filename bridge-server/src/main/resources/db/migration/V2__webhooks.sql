-- Portable SQL: runs on PostgreSQL and on H2 in PostgreSQL mode (see V1).

-- Webhook deliveries: one row per event (job.final) of a job per configured webhook, written
-- before the first attempt so a restart does not lose it. PENDING rows are due at
-- next_attempt_at; DELIVERED and FAILED rows are kept as a record and purged with old jobs.
CREATE TABLE webhook_deliveries (
    id              VARCHAR(36)   PRIMARY KEY,  -- X-Printbridge-Delivery, the same on every attempt
    webhook         VARCHAR(100)  NOT NULL,     -- its name under bridge.webhooks
    event           VARCHAR(40)   NOT NULL,     -- X-Printbridge-Event
    job_id          VARCHAR(36)   NOT NULL,
    store_id        VARCHAR(63)   NOT NULL,
    body            TEXT          NOT NULL,     -- the JSON sent, as it was when the event happened
    state           VARCHAR(16)   NOT NULL,     -- PENDING, DELIVERED, FAILED
    attempts        INTEGER       NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_status     INTEGER,
    last_error      VARCHAR(2000)
);
-- The dispatcher: pending rows by due time.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at);
-- Retention: finished rows by age.
CREATE INDEX webhook_deliveries_updated ON webhook_deliveries (updated_at);
-- One delivery per webhook, job and event, however often the event is seen.
CREATE UNIQUE INDEX webhook_deliveries_once ON webhook_deliveries (webhook, job_id, event);
