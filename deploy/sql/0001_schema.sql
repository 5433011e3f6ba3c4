-- LingHuo.Orleans schema, version 1: the tables behind the Orleans ADO.NET providers (membership, grain state,
-- reminders), their query catalogue, and the append-only case event log.
-- Written for PostgreSQL 15 or later against the provider contract in docs (no script copied from elsewhere).

-- The catalogue each provider reads at start-up. Orleans selects it unquoted, so the name must fold to lower case.
create table orleansquery (
    querykey  text primary key,
    querytext text not null
);

-- Membership: one version row per cluster (the table's etag) and one row per silo incarnation.
create table orleans_cluster_version (
    deployment_id text primary key,
    version       int not null default 0 check (version >= 0)
);

create table orleans_cluster_member (
    deployment_id   text not null references orleans_cluster_version (deployment_id) on delete cascade,
    address         text not null,
    port            int  not null,
    generation      int  not null,
    silo_name       text not null,
    host_name       text not null,
    status          int  not null,
    proxy_port      int  not null,
    suspect_times   text,
    start_time      timestamptz not null,
    i_am_alive_time timestamptz not null,
    primary key (deployment_id, address, port, generation)
);

-- Grain state, found by its natural key. A missing key extension is indexed as '' so that lookups stay index scans
-- under generic plans; string-keyed grains carry their whole key there and never an empty one.
create table orleans_grain_state (
    service_id    text   not null,
    grain_type    text   not null,
    grain_id_n0   bigint not null,
    grain_id_n1   bigint not null,
    grain_id_ext  text,
    payload       bytea,
    version       int    not null,
    modified_at   timestamptz not null default now()
);

create unique index orleans_grain_state_key
    on orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, (coalesce(grain_id_ext, '')));

-- Reminders, read by ranges of the grain's uniform hash (a signed int).
create table orleans_reminder (
    service_id    text   not null,
    grain_id      text   not null,
    reminder_name text   not null,
    start_time    timestamptz not null,
    period        bigint not null,
    grain_hash    int    not null,
    version       int    not null,
    primary key (service_id, grain_id, reminder_name)
);

create index orleans_reminder_hash on orleans_reminder (service_id, grain_hash);

-- Every change of every application, in order. Rows are inserted by the same statement that saves the application's
-- state (see WriteToStorageKey), never updated or deleted. "id" orders all events; (application_number, sequence)
-- makes the insert idempotent.
create table case_events (
    id                 bigint generated always as identity primary key,
    application_number text        not null,
    sequence           bigint      not null,
    event_type         text        not null,
    county_code        text        not null,
    occurred_at        timestamptz not null,
    payload            jsonb       not null,
    recorded_at        timestamptz not null default now(),
    unique (application_number, sequence)
);

create index case_events_county on case_events (county_code, id);
