-- Uploaded materials, kept by content: the application state names a file by its SHA-256, the bytes live here (or, in
-- production, in an object store behind the same interface). A file is stored before the application that refers to
-- it is written, so a refused submission may leave a file nobody refers to; nothing reads such a file.
create table material_contents (
    sha256     text        primary key,
    media_type text        not null,
    size       integer     not null,
    content    bytea       not null,
    stored_at  timestamptz not null default now()
);

-- PDF, JPEG and PNG are compressed already: stored out of line without another compression attempt.
alter table material_contents alter column content set storage external;

-- The review queue: what an application waits for (a decision, or the applicant's supplement) is due on this day.
alter table application_search
    add column waiting_due_day         date,
    add column waiting_due_provisional boolean not null default false;

create index application_search_queue on application_search (county_code, submitted_at, number)
    where status in ('PreCheck', 'SupplementRequired');

-- 好差评 and rectification: an open ticket (from a bad review) is listed by its due day.
alter table application_search
    add column rating                  text,
    add column rectification_opened_at timestamptz,
    add column rectification_due_day   date;

create index application_search_rectifications on application_search (rectification_due_day, number)
    where rectification_due_day is not null;

-- 时限中止: an accepted application whose clocks stand still while a department waits for the applicant.
alter table application_search add column sla_paused boolean not null default false;
