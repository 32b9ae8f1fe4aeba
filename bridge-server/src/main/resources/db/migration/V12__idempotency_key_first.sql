-- The job writer reads a group's idempotency keys in one query per client:
-- requested_by = ? AND idempotency_key IN (...). H2 walks an IN list through an index only when
-- its column comes first, so with (requested_by, idempotency_key) each group read every job of
-- that client: with one ERP client, the whole table, once per commit (issue 20's profile at 500
-- jobs/s: the writer's largest cost, growing with the table). The key first keeps the same
-- uniqueness and turns each key into one index lookup; PostgreSQL uses either order.
DROP INDEX jobs_idempotency;
CREATE UNIQUE INDEX jobs_idempotency ON jobs (idempotency_key, requested_by);
