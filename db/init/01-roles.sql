-- Run once by the postgres container on a new volume (docker-compose.yml): the two database roles of
-- ADR 0017. The container's superuser (POSTGRES_USER) runs the migrations with SET ROLE crm_owner; the
-- application logs in as crm_app. Keep names and password in line with docker-compose.yml.
CREATE ROLE crm_owner NOLOGIN;
CREATE ROLE crm_app LOGIN PASSWORD 'crm_app';
ALTER DATABASE crm OWNER TO crm_owner;
