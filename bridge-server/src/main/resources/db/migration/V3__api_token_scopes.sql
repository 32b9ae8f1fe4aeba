-- Portable SQL: runs on PostgreSQL and on H2 in PostgreSQL mode (see V1).

-- What each API token may do, comma-separated: print (jobs, stores, events: what every token
-- could do before), admin (the admin API). Tokens created before keep exactly their rights.
-- DEFAULT before NOT NULL: the order both H2 and PostgreSQL accept.
ALTER TABLE api_tokens ADD COLUMN scopes VARCHAR(200) DEFAULT 'print' NOT NULL;
