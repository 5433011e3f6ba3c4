-- Numbered documents (受理通知书, 不予受理决定书, 补正告知书, 参保证明), issued from the event log by one projector.
-- A number is taken from document_numbers in the transaction that inserts its document, so numbers per county and
-- year run 1, 2, 3... without gaps; an event issues at most one document (the unique key), and the log is the source,
-- so none is lost. The PDF is kept as issued: verification compares against it.
create table document_numbers (
    county_code text not null,
    year        int  not null,
    last        bigint not null,
    primary key (county_code, year)
);

create table documents (
    number             text        primary key,
    application_number text        not null,
    event_sequence     bigint      not null,
    kind               text        not null,
    county_code        text        not null,
    issued_at          timestamptz not null,
    printed            jsonb       not null,
    pdf                bytea       not null,
    sha256             text        not null,
    key_id             text        not null,
    code               text        not null,
    revoked_at         timestamptz,
    unique (application_number, event_sequence)
);

alter table documents alter column pdf set storage external;
create index documents_application on documents (application_number, number);
create index documents_sha256 on documents (sha256);

insert into projections (name) values ('documents');
