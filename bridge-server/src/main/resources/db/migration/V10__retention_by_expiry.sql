-- The retention sweep finds final jobs by their time to live (jobs_expiry: state, expires_at)
-- instead of by their last change. jobs_updated served only that sweep, and every change of every
-- job rewrote an entry of it: at peak it was one of the B-trees each transition touched, for a
-- query that runs every few minutes (issue 20's profile of the job writer).
DROP INDEX jobs_updated;
