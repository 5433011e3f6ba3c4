-- Department work feeds: one totally ordered, gap-free, resumable feed per (department, jurisdiction prefix).
--
-- case_events ids are handed out at insert but become visible at commit, so reading the log "by id" could skip a row
-- that commits late. Each row therefore records its writing transaction (tx); a reader takes only rows whose
-- transaction is older than every transaction still running (pg_snapshot_xmin), in (tx, id) order. Nothing can
-- appear behind that horizon later, so a feed never misses an event.
alter table case_events add column tx xid8 not null default pg_current_xact_id();
create index case_events_tx on case_events (tx, id);

create table department_feeds (
    id            bigint generated always as identity primary key,
    department    text   not null,
    jurisdiction  text   not null,
    last_sequence bigint not null default 0,
    position_tx   xid8   not null default '0',
    position_id   bigint not null default 0,
    created_at    timestamptz not null default now(),
    unique (department, jurisdiction)
);

-- Sequence numbers 1, 2, 3... per feed, each pointing at the event it carries.
create table department_feed_items (
    feed_id  bigint not null references department_feeds (id),
    sequence bigint not null,
    event_id bigint not null references case_events (id),
    primary key (feed_id, sequence)
);
