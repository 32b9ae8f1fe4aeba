-- Portable SQL: runs on PostgreSQL and on H2 in PostgreSQL mode (see V1).

-- Every agent certificate the server issued (at enrolment or renewal): what it is, for which
-- store, and where it stands. The server decides from here, at each handshake, whether a
-- certificate may still speak for its store; certificates made by hand with the certs tool are
-- not here, and are judged by the store's revocation alone.
CREATE TABLE store_certificates (
    serial          VARCHAR(64)  PRIMARY KEY,   -- hex, as the certificate carries it
    store_id        VARCHAR(63)  NOT NULL,
    not_before      TIMESTAMP WITH TIME ZONE NOT NULL,
    not_after       TIMESTAMP WITH TIME ZONE NOT NULL,
    issued_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    issued_by       VARCHAR(16)  NOT NULL,      -- ENROLMENT or RENEWAL
    ca_fingerprint  VARCHAR(64)  NOT NULL,      -- SHA-256 of the issuing CA's certificate, hex
    hostname        VARCHAR(255) NOT NULL,      -- the PC that asked, for people
    first_seen_at   TIMESTAMP WITH TIME ZONE,   -- its first handshake: the one it replaces is retired then
    retired_at      TIMESTAMP WITH TIME ZONE,   -- replaced by a renewal the server has seen in use
    revoked_at      TIMESTAMP WITH TIME ZONE
);
CREATE INDEX store_certificates_store ON store_certificates (store_id, not_after);

-- A store revoked (a stolen PC): every certificate it had until then is refused, including ones
-- the server never issued (made with the certs tool before revoked_before). A new enrolment code
-- brings the store back with a new certificate.
CREATE TABLE store_revocations (
    store_id        VARCHAR(63)  PRIMARY KEY,
    revoked_before  TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_by      VARCHAR(100) NOT NULL,
    reason          VARCHAR(500) NOT NULL
);

-- One-time enrolment codes: only the SHA-256 of the secret part is kept. Single use, valid until
-- expires_at, revocable; used_at says when it was traded for a certificate (and by which host).
CREATE TABLE enrolment_codes (
    code_sha256     VARCHAR(64)  PRIMARY KEY,
    store_id        VARCHAR(63)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by      VARCHAR(100) NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at         TIMESTAMP WITH TIME ZONE,
    used_by_host    VARCHAR(255),
    revoked_at      TIMESTAMP WITH TIME ZONE
);
CREATE INDEX enrolment_codes_store ON enrolment_codes (store_id, created_at);

-- Hosts that presented one store's certificate at the same time (a duplicate or stolen
-- certificate): kept for IT, shown with the store.
CREATE TABLE store_conflicts (
    id              VARCHAR(36)  PRIMARY KEY,
    store_id        VARCHAR(63)  NOT NULL,
    at              TIMESTAMP WITH TIME ZONE NOT NULL,
    replaced_host   VARCHAR(255) NOT NULL,
    replaced_peer   VARCHAR(100) NOT NULL,
    new_host        VARCHAR(255) NOT NULL,
    new_peer        VARCHAR(100) NOT NULL
);
CREATE INDEX store_conflicts_store ON store_conflicts (store_id, at);
