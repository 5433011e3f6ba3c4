-- Who read protected personal data (a rights record, a participation certificate, an identity number): one row per
-- disclosure, written before the answer leaves the gateway. Append-only: the trigger refuses any change or removal,
-- whoever asks (an auditor's copy is made with pg_dump, not by editing).
create table access_audit (
    id                 bigint generated always as identity primary key,
    at                 timestamptz not null default now(),
    subject            text        not null,
    issuer             text        not null,
    role               text        not null,
    application_number text        not null,
    action             text        not null,
    purpose            text        not null
);

create index access_audit_application on access_audit (application_number, id desc);
create index access_audit_subject on access_audit (subject, id desc);

create function access_audit_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'access_audit is append-only';
end
$$;

create trigger access_audit_no_update before update or delete on access_audit
    for each row execute function access_audit_append_only();
create trigger access_audit_no_truncate before truncate on access_audit
    for each statement execute function access_audit_append_only();
