-- Portable SQL: runs on PostgreSQL and on H2 in PostgreSQL mode (see V1).

-- The store CAs the servers know, shared by every replica: agents' certificates from a CA that is
-- not RETIRED are accepted, agents are handed every such CA to trust for the server, and new
-- agent certificates (enrolment, renewal) come from the one ISSUING CA. A rollover adds a new CA
-- (TRUSTED), makes it ISSUING (the old one becomes TRUSTED), and retires the old one once no live
-- certificate depends on it. Private keys are never here: each server keeps the keys it issues
-- with in its data directory (ca-keys/<fingerprint>.key).
CREATE TABLE certificate_authorities (
    fingerprint     VARCHAR(64)   PRIMARY KEY,  -- SHA-256 of the certificate (DER), lowercase hex
    certificate     VARCHAR(8000) NOT NULL,     -- PEM
    subject         VARCHAR(500)  NOT NULL,     -- for people
    not_after       TIMESTAMP WITH TIME ZONE NOT NULL,
    state           VARCHAR(16)   NOT NULL,     -- TRUSTED, ISSUING (one at a time) or RETIRED
    added_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    added_by        VARCHAR(100)  NOT NULL,
    issuing_since   TIMESTAMP WITH TIME ZONE,   -- when it last became the issuing CA
    retired_at      TIMESTAMP WITH TIME ZONE,
    retired_by      VARCHAR(100)
);

-- How many live certificates each CA issued (ca rollover status, retire) without a full scan.
CREATE INDEX store_certificates_ca ON store_certificates (ca_fingerprint, not_after);
