-- People who use the fleet dashboard (not the ERP: it has API tokens). Portable SQL, as V1.
-- password_hash is Argon2id in its PHC string form ($argon2id$v=19$m=…,t=…,p=…$salt$hash), never
-- the password. role is VIEWER, OPERATOR or ADMIN; locale fr or en; time_zone an IANA zone id.
CREATE TABLE dashboard_users (
    name          VARCHAR(64)  PRIMARY KEY,
    password_hash VARCHAR(200) NOT NULL,
    role          VARCHAR(16)  NOT NULL,
    locale        VARCHAR(8)   NOT NULL,
    time_zone     VARCHAR(64)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    disabled_at   TIMESTAMP WITH TIME ZONE
);
