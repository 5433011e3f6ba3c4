-- The search read model: one row per application, projected from case_events (never from grains), rebuildable by
-- truncating it and resetting its projection position. It holds the applicant's HMAC key and a masked identity
-- number only.
create table application_search (
    number                text primary key,
    county_code           text        not null,
    channel               text        not null,
    status                text        not null,
    outcome               text,
    applicant_key         text,
    applicant_masked      text,
    matters               jsonb       not null,
    departments           text[]      not null,
    submitted_at          timestamptz not null,
    accepted_at           timestamptz,
    committed_due_soon_at timestamptz,
    committed_at          timestamptz,
    statutory_at          timestamptz,
    provisional           boolean     not null default false,
    closed_at             timestamptz,
    version               bigint      not null
);

create index application_search_paging on application_search (submitted_at desc, number desc);
create index application_search_county on application_search (county_code text_pattern_ops);
create index application_search_open on application_search (status, committed_at) where status = 'Accepted';

-- Where each projection has read the log to, in (tx, id) order behind the running-transaction horizon.
create table projections (
    name        text primary key,
    position_tx xid8   not null default '0',
    position_id bigint not null default 0
);

insert into projections (name) values ('search');
