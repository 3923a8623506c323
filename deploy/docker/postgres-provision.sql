-- Creates (or re-asserts) one service's login role and schema, the same layout that
-- deploy/local/up.sh provisions: role <svc>_svc owns schema <svc>, may connect to the current
-- database, and has no rights anywhere else. Idempotent; run as a superuser with psql 15+:
--
--   SERVICE_DB_PASSWORD=... psql -v svc=identity -f deploy/docker/postgres-provision.sql
--
-- The password is read from the environment (\getenv), so it never appears on a command line.

\set ON_ERROR_STOP on
SET client_min_messages = warning;
\getenv pw SERVICE_DB_PASSWORD
\if :{?svc}
\else
  DO $$ BEGIN RAISE EXCEPTION 'psql variable svc (the service name) is not set'; END $$;
\endif
\if :{?pw}
\else
  DO $$ BEGIN RAISE EXCEPTION 'environment variable SERVICE_DB_PASSWORD is not set'; END $$;
\endif
\set role :svc '_svc'

SELECT format('CREATE ROLE %I LOGIN', :'role')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec

ALTER ROLE :"role" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
  PASSWORD :'pw';
ALTER ROLE :"role" SET search_path = :"svc";

-- Only the service roles (and superusers) may connect; nobody uses the public schema.
REVOKE ALL ON DATABASE :"DBNAME" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"DBNAME" TO :"role";
REVOKE ALL ON SCHEMA public FROM PUBLIC;

CREATE SCHEMA IF NOT EXISTS :"svc" AUTHORIZATION :"role";
ALTER SCHEMA :"svc" OWNER TO :"role";
