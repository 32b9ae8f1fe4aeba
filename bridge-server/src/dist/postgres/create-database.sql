-- The bridge's PostgreSQL role and database. Run as the postgres superuser:
--   sudo -u postgres psql -v password='…' -f create-database.sql
-- Optional: -v role=bridge -v database=bridge (the defaults). It can be run again: an existing
-- role or database is kept as it is (its password is not changed). The server's tables are
-- made by the server itself at its first start (Flyway), owned by this role.
\set ON_ERROR_STOP on

\if :{?role}
\else
  \set role bridge
\endif
\if :{?database}
\else
  \set database bridge
\endif
\if :{?password}
\else
  DO $$ BEGIN RAISE EXCEPTION 'create-database.sql: no password (expected: psql -v password=... -f create-database.sql)'; END $$;
\endif

SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'role', :'password')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec

SELECT format('CREATE DATABASE %I OWNER %I ENCODING %L TEMPLATE template0', :'database', :'role', 'UTF8')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'database') \gexec

-- Only the bridge's role (and superusers) may connect to it.
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'database') \gexec
SELECT format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', :'database', :'role') \gexec

\echo role :role and database :database are ready
