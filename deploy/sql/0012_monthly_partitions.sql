-- The two tables that only grow, split by month (Beijing months: a month starts at 00:00 +08:00).
--
-- case_events by the month its application was submitted (submitted_at, the same on every event of an application): a
-- case's record stays in one partition and is archived as one. It is never dropped by the platform; an archivist may
-- detach a month once it has been transferred to the archive (docs/operations.md, "Retention").
-- access_audit by the month of the disclosure (at): a month may be dropped once it is older than the retention the
-- province configures, never younger than three years (linghuo_drop_expired_audit).
--
-- Each table has a default partition, so a row of a month without a partition yet is kept, never refused. Months are
-- created ahead (this one and the next three) by linghuo_ensure_partitions, run here and daily by every silo; a month
-- whose rows already sit in the default partition is left there (never moved, so never at risk).

-- The start of the month of t, moved by `months` (counted in Beijing time: in UTC a month starts on the previous day).
create function linghuo_month_start(t timestamptz, months int default 0) returns timestamptz
    language sql immutable strict
    return (date_trunc('month', t at time zone interval '08:00') + make_interval(months => months)) at time zone interval '08:00';

-- Creates parent_YYYY_MM for the month starting at month_start unless it exists or the default partition holds rows
-- of that month. True when created.
create function linghuo_create_month(parent text, key text, month_start timestamptz) returns boolean
    language plpgsql as $$
declare
    month_end timestamptz := linghuo_month_start(month_start, 1);
    partition text := parent || '_' || to_char(month_start at time zone interval '08:00', 'YYYY_MM');
    occupied boolean;
begin
    if month_start <> linghuo_month_start(month_start) then
        raise exception 'not the start of a month: %', month_start;
    end if;
    if to_regclass(partition) is not null then
        return false;
    end if;
    execute format('select exists (select 1 from %I where %I >= $1 and %I < $2)', parent || '_default', key, key)
        into occupied using month_start, month_end;
    if occupied then
        return false;
    end if;
    execute format('create table %I partition of %I for values from (%L) to (%L)', partition, parent, month_start, month_end);
    if parent = 'access_audit' then
        -- Statement triggers are not inherited: a partition truncated by name must refuse as the table does.
        execute format('create trigger access_audit_no_truncate before truncate on %I for each statement execute function access_audit_append_only()', partition);
    end if;
    return true;
end
$$;

-- This month (of the given time) and the next `ahead`, for both tables. Serialized across silos by a transaction lock.
create function linghuo_ensure_partitions(at timestamptz, ahead int default 3) returns int
    language plpgsql as $$
declare
    created int := 0;
    month_start timestamptz;
begin
    perform pg_advisory_xact_lock(21508021130649970); -- "LingPar"
    for i in 0 .. ahead loop
        month_start := linghuo_month_start(at, i);
        created := created + linghuo_create_month('case_events', 'submitted_at', month_start)::int
                           + linghuo_create_month('access_audit', 'at', month_start)::int;
    end loop;
    return created;
end
$$;

-- Drops the access_audit months that ended more than `keep` before `at`; `keep` may not be under three years (the
-- general limitation period for a civil claim, 民法典 art. 188: the audit is a person's evidence of who saw their data).
-- The default partition is never dropped. Returns the partitions dropped.
create function linghuo_drop_expired_audit(at timestamptz, keep interval) returns setof text
    language plpgsql as $$
declare
    partition record;
begin
    if keep < interval '3 years' then
        raise exception 'access_audit is kept at least three years; % was asked', keep;
    end if;
    for partition in
        select c.relname, (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \(''([^'']+)''\)'))[1]::timestamptz as month_end
        from pg_inherits i join pg_class c on c.oid = i.inhrelid
        where i.inhparent = 'access_audit'::regclass and c.relname <> 'access_audit_default'
    loop
        if partition.month_end <= at - keep then
            execute format('drop table %I', partition.relname);
            return next partition.relname;
        end if;
    end loop;
end
$$;

-- case_events ------------------------------------------------------------------------------------------------------

alter table department_feed_items drop constraint department_feed_items_event_id_fkey;
alter table case_events rename to case_events_unpartitioned;
alter index case_events_county rename to case_events_unpartitioned_county;
alter index case_events_tx rename to case_events_unpartitioned_tx;
alter table case_events_unpartitioned rename constraint case_events_pkey to case_events_unpartitioned_pkey;
alter table case_events_unpartitioned rename constraint case_events_application_number_sequence_key to case_events_unpartitioned_key;

create table case_events (
    id                 bigint      not null,
    application_number text        not null,
    sequence           bigint      not null,
    event_type         text        not null,
    county_code        text        not null,
    occurred_at        timestamptz not null,
    payload            jsonb       not null,
    recorded_at        timestamptz not null default now(),
    tx                 xid8        not null default pg_current_xact_id(),
    submitted_at       timestamptz not null,
    primary key (id, submitted_at),
    unique (application_number, sequence, submitted_at)
) partition by range (submitted_at);

create index case_events_county on case_events (county_code, id);
create index case_events_tx on case_events (tx, id);
create table case_events_default partition of case_events default;

-- The months of the events already written, then the rows: an application's first event is its submission.
select linghuo_create_month('case_events', 'submitted_at', m)
from (select distinct linghuo_month_start(occurred_at) as m from case_events_unpartitioned where sequence = 1) months;

insert into case_events (id, application_number, sequence, event_type, county_code, occurred_at, payload, recorded_at, tx, submitted_at)
select e.id, e.application_number, e.sequence, e.event_type, e.county_code, e.occurred_at, e.payload, e.recorded_at, e.tx,
       first_value(e.occurred_at) over (partition by e.application_number order by e.sequence)
from case_events_unpartitioned e;

drop table case_events_unpartitioned;
create sequence case_events_id_seq owned by case_events.id;
select setval('case_events_id_seq', coalesce((select max(id) from case_events), 0) + 1, false);
alter table case_events alter column id set default nextval('case_events_id_seq');

-- A feed item names its event with the event's month, so reading a feed probes one partition per item. No foreign key
-- any more: checking one against a partitioned table costs a planned query locking every partition per item (a feed's
-- catch-up ran 2.5x slower with it); the items are written only from the events the same statement reads.
alter table department_feed_items add column event_submitted_at timestamptz;
update department_feed_items i set event_submitted_at = e.submitted_at from case_events e where e.id = i.event_id;
alter table department_feed_items alter column event_submitted_at set not null;

-- access_audit -----------------------------------------------------------------------------------------------------

alter table access_audit rename to access_audit_unpartitioned;
alter index access_audit_application rename to access_audit_unpartitioned_application;
alter index access_audit_subject rename to access_audit_unpartitioned_subject;
alter table access_audit_unpartitioned rename constraint access_audit_pkey to access_audit_unpartitioned_pkey;

create table access_audit (
    id                 bigint      not null,
    at                 timestamptz not null default now(),
    subject            text        not null,
    issuer             text        not null,
    role               text        not null,
    application_number text        not null,
    action             text        not null,
    purpose            text        not null,
    primary key (id, at)
) partition by range (at);

create index access_audit_application on access_audit (application_number, id desc);
create index access_audit_subject on access_audit (subject, id desc);
create trigger access_audit_no_update before update or delete on access_audit
    for each row execute function access_audit_append_only();
create trigger access_audit_no_truncate before truncate on access_audit
    for each statement execute function access_audit_append_only();
create table access_audit_default partition of access_audit default;
create trigger access_audit_no_truncate before truncate on access_audit_default
    for each statement execute function access_audit_append_only();

select linghuo_create_month('access_audit', 'at', m)
from (select distinct linghuo_month_start(at) as m from access_audit_unpartitioned) months;

insert into access_audit (id, at, subject, issuer, role, application_number, action, purpose)
select id, at, subject, issuer, role, application_number, action, purpose from access_audit_unpartitioned;

drop table access_audit_unpartitioned;
create sequence access_audit_id_seq owned by access_audit.id;
select setval('access_audit_id_seq', coalesce((select max(id) from access_audit), 0) + 1, false);
alter table access_audit alter column id set default nextval('access_audit_id_seq');

select linghuo_ensure_partitions(now());
