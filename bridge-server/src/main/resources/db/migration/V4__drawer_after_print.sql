-- Portable SQL: runs on PostgreSQL and on H2 in PostgreSQL mode (see V1).

-- A print may open the cash drawer after it, as its own action with its own deadline (the
-- drawer's time to live counted from the job's creation), never as a pulse baked into the bytes.
-- open_drawer now says "the drawer opens after this print" for raw and invoice jobs alike.
-- A row with open_drawer TRUE and no drawer_deadline was queued by an older server, whose invoice
-- bytes carry the pulse themselves: it is delivered as it was rendered.
ALTER TABLE jobs ADD COLUMN drawer_deadline TIMESTAMP WITH TIME ZONE;
-- What became of that drawer (OPENED, EXPIRED, NO_DRAWER, NOT_OPENED, FAILED, UNKNOWN,
-- UNSUPPORTED); NULL while pending and for jobs that did not ask.
ALTER TABLE jobs ADD COLUMN drawer_outcome VARCHAR(16);
