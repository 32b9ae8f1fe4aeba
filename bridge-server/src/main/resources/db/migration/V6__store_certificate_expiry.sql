-- Portable SQL: runs on PostgreSQL and on H2 in PostgreSQL mode (see V1).

-- When the certificate the store's agent last connected with expires: a shop closed longer than
-- its certificate lives shows "certificate expired on ..." in the store list, not just "offline".
ALTER TABLE stores ADD COLUMN certificate_expires_at TIMESTAMP WITH TIME ZONE;
